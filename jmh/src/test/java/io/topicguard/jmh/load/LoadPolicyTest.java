package io.topicguard.jmh.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadPolicyTest {

    @Test
    void theRuleThatAllowsTheTrafficIsTheLastOfBothFiles() {
        LoadPolicy policy = new LoadPolicy(1_000);
        String[] nativeLines = policy.policyText().lines().filter(l -> l.startsWith("allow ")).toArray(String[]::new);
        assertThat(nativeLines).hasSize(1_000);
        assertThat(nativeLines[999]).isEqualTo("allow username \"bench\" to publish, subscribe \"load/#\"");
        assertThat(nativeLines[0]).isEqualTo("allow username \"bench\" to publish, subscribe \"bench/filler/0/+/data\"");

        String[] aclLines = policy.mosquittoAcl().lines().toArray(String[]::new);
        assertThat(aclLines).hasSize(1_001);
        assertThat(aclLines[0]).isEqualTo("user bench");
        assertThat(aclLines[1_000]).isEqualTo("topic readwrite load/#");
    }

    @Test
    void aOneRulePolicyHoldsOnlyTheTrafficRule() {
        assertThat(new LoadPolicy(1).mosquittoAcl()).isEqualTo("user bench\ntopic readwrite load/#\n");
        assertThat(new LoadPolicy(1).policyText()).contains("default deny\nanonymous deny\n")
                .endsWith("allow username \"bench\" to publish, subscribe \"load/#\"\n");
    }

    @Test
    void refusesAPolicyWithoutTheTrafficRule() {
        assertThatThrownBy(() -> new LoadPolicy(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void passwordLineIsMosquittoSha512OfPasswordThenSalt() throws Exception {
        String line = PasswordLines.sha512Line("bench", "secret");
        String[] parts = line.split("\\$");
        assertThat(parts[0]).isEqualTo("bench:");
        assertThat(parts[1]).isEqualTo("6");
        byte[] salt = java.util.Base64.getDecoder().decode(parts[2]);
        assertThat(salt).hasSize(12);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-512");
        sha.update("secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(salt);
        assertThat(java.util.Base64.getDecoder().decode(parts[3])).isEqualTo(sha.digest());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(LatencyRecorder.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencyRecorder.percentile(sorted, 99)).isEqualTo(99);
        assertThat(LatencyRecorder.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(LatencyRecorder.percentile(new long[0], 50)).isEqualTo(-1);
    }

    @Test
    void rejectsUnknownOptionsWithTheirName() {
        assertThatThrownBy(() -> LoadGenerator.parse("--rulez", "1")).hasMessageContaining("--rulez");
        assertThat(LoadGenerator.parse("--rules", "1", "--qos", "1")).containsEntry("rules", "1").containsEntry("qos", "1")
                .containsEntry("brokers", "topicguard,mosquitto");
    }
}
