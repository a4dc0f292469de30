package io.topicguard.jmh.load;

import io.topicguard.dsl.PolicyFormat;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.jmh.load.LoadPolicy.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadPolicyTest {

    @Test
    void theRuleThatAllowsTheTrafficIsTheLastOfBothFiles() {
        LoadPolicy policy = new LoadPolicy(Kind.USER, 1_000);
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
    void patternPolicyGivesEveryClientItsOwnFillerThroughAPlaceholder() {
        LoadPolicy policy = new LoadPolicy(Kind.PATTERN, 1_000);
        String[] nativeLines = policy.policyText().lines().filter(l -> l.startsWith("allow ")).toArray(String[]::new);
        assertThat(nativeLines).hasSize(1_000);
        assertThat(nativeLines[0]).isEqualTo("allow all to publish, subscribe \"bench/${username}/filler/0/data\"");
        assertThat(nativeLines[999]).isEqualTo("allow all to publish, subscribe \"load/#\"");
        assertThat(policy.policyText()).contains("default deny\nanonymous deny\n");

        String[] aclLines = policy.mosquittoAcl().lines().toArray(String[]::new);
        assertThat(aclLines).hasSize(1_000).noneMatch(l -> l.startsWith("user ") || l.startsWith("topic "));
        assertThat(aclLines[0]).isEqualTo("pattern readwrite bench/%u/filler/0/data");
        assertThat(aclLines[999]).isEqualTo("pattern readwrite load/#");
    }

    @Test
    void aOneRulePolicyHoldsOnlyTheTrafficRule() {
        assertThat(new LoadPolicy(Kind.USER, 1).mosquittoAcl()).isEqualTo("user bench\ntopic readwrite load/#\n");
        assertThat(new LoadPolicy(Kind.USER, 1).policyText()).contains("default deny\nanonymous deny\n")
                .endsWith("allow username \"bench\" to publish, subscribe \"load/#\"\n");
        assertThat(new LoadPolicy(Kind.PATTERN, 1).mosquittoAcl()).isEqualTo("pattern readwrite load/#\n");
        assertThat(new LoadPolicy(Kind.PATTERN, 1).policyText()).contains("default deny\nanonymous deny\n")
                .endsWith("allow all to publish, subscribe \"load/#\"\n");
    }

    /**
     * Both files of each kind are read by topicguard itself (the native text as {@code serve}
     * loads it, the acl_file through the mosquitto importer) and decide every filler topic and the
     * traffic alike, each by its counterpart line: line 4 + I of the native file (after the comment
     * and the two settings) and line I + 1 of the acl_file (+ 1 more after {@code user bench}).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void bothFilesOfEachKindParseAndDecideLineForLine(Kind kind, @TempDir Path dir) throws Exception {
        int rules = 50;
        LoadPolicy policy = new LoadPolicy(kind, rules);
        Policy nativePolicy = Policy.fromString("load.acl", policy.policyText());
        Policy mosquittoPolicy = Policy.load(Files.writeString(dir.resolve("load.mosquitto-acl"), policy.mosquittoAcl()),
                PolicyFormat.MOSQUITTO);
        int aclOffset = kind == Kind.USER ? 2 : 1;
        ClientInfo bench = ClientInfo.builder("load-pub-0").username(LoadPolicy.USERNAME).build();
        ClientInfo eve = ClientInfo.builder("eve-1").username("eve").build();
        for (Policy p : List.of(nativePolicy, mosquittoPolicy)) {
            int offset = p == nativePolicy ? 4 : aclOffset;
            ClientBinding client = p.bind(bench);
            for (int i = 0; i < rules - 1; i++) {
                String filler = kind == Kind.USER ? "bench/filler/" + i + "/x/data" : "bench/bench/filler/" + i + "/data";
                Decision decision = client.publish(filler, 0, false);
                assertThat(decision.allowed()).as("%s: %s", filler, decision).isTrue();
                assertThat(decision.source().line()).as("%s: %s", filler, decision).isEqualTo(offset + i);
                assertThat(client.subscribe(filler, 1).allowed()).as(filler).isTrue();
                // The filler never matches the traffic, and no pattern filler matches another user's subtree.
                assertThat(p.bind(eve).publish(filler, 0, false).allowed()).as("eve: " + filler).isFalse();
            }
            Decision traffic = client.publish(LoadPolicy.topic(3), 1, false);
            assertThat(traffic.allowed()).as(traffic.toString()).isTrue();
            assertThat(traffic.source().line()).as(traffic.toString()).isEqualTo(offset + rules - 1);
            assertThat(client.subscribe(LoadPolicy.topic(3), 1).allowed()).isTrue();
            assertThat(client.publish("other/topic", 0, false).allowed()).isFalse();
            if (kind == Kind.PATTERN) {
                assertThat(p.bind(eve).publish("bench/eve/filler/7/data", 0, false).allowed()).isTrue();
            }
        }
    }

    @Test
    void refusesAPolicyWithoutTheTrafficRule() {
        assertThatThrownBy(() -> new LoadPolicy(Kind.USER, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void kindsAreNamedByTheirLabels() {
        assertThat(Kind.of("user")).isEqualTo(Kind.USER);
        assertThat(Kind.of("pattern")).isEqualTo(Kind.PATTERN);
        assertThatThrownBy(() -> Kind.of("patterns")).hasMessageContaining("'patterns'").hasMessageContaining("user or pattern");
    }

    @Test
    void filesOfEachKindAndSizeHaveTheirOwnNames() {
        assertThat(new LoadPolicy(Kind.USER, 10).fileStem()).isEqualTo("load-user-10");
        assertThat(new LoadPolicy(Kind.PATTERN, 10).fileStem()).isEqualTo("load-pattern-10");
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
                .containsEntry("brokers", "topicguard,mosquitto").containsEntry("policy-kinds", "user,pattern");
    }

    @Test
    void rejectsAnUnknownPolicyKindBeforeAnyRun() {
        assertThatThrownBy(() -> LoadGenerator.parse("--policy-kinds", "user,patern")).hasMessageContaining("'patern'");
        assertThat(LoadGenerator.parse("--policy-kinds", "pattern")).containsEntry("policy-kinds", "pattern");
    }

    @Test
    void mosquittoMayRunInFewerRoundsThanTopicguard() {
        assertThat(LoadGenerator.parse()).doesNotContainKey("mosquitto-rounds");
        assertThat(LoadGenerator.parse("--mosquitto-rounds", "3")).containsEntry("mosquitto-rounds", "3");
        assertThatThrownBy(() -> LoadGenerator.parse("--mosquitto-rounds", "0")).hasMessageContaining("--mosquitto-rounds");
        assertThat(LoadGenerator.parse("--comparison-rounds", "13")).containsEntry("comparison-rounds", "13");
        assertThatThrownBy(() -> LoadGenerator.parse("--comparison-rounds", "x")).hasMessageContaining("--comparison-rounds");
    }

    @Test
    void roundsDefaultToOneAndMustBeAPositiveWholeNumber() {
        assertThat(LoadGenerator.parse()).containsEntry("rounds", "1");
        assertThat(LoadGenerator.parse("--rounds", "3")).containsEntry("rounds", "3");
        for (String bad : new String[] {"0", "-1", "two", "1.5", ""}) {
            assertThatThrownBy(() -> LoadGenerator.parse("--rounds", bad)).as(bad).hasMessageContaining("--rounds");
        }
    }

    @Test
    void evenRoundsRunTheSweepBackwards() {
        // 1 kind, 2 brokers, 2 rule counts: round 1 forwards, round 2 backwards, round 3 forwards again.
        List<String> forwards = List.of("0 0 0", "0 0 1", "0 1 0", "0 1 1");
        assertThat(LoadGenerator.order(1, 2, 2, 1)).extracting(LoadPolicyTest::indexes).containsExactlyElementsOf(forwards);
        assertThat(LoadGenerator.order(1, 2, 2, 2)).extracting(LoadPolicyTest::indexes)
                .containsExactly("0 1 1", "0 1 0", "0 0 1", "0 0 0");
        assertThat(LoadGenerator.order(1, 2, 2, 3)).extracting(LoadPolicyTest::indexes).containsExactlyElementsOf(forwards);
    }

    private static String indexes(int[] at) {
        return at[0] + " " + at[1] + " " + at[2];
    }
}
