package io.topicguard.jmh.policy;

import io.topicguard.jmh.baseline.MoquetteAcl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineFormatsTest {

    private final GeneratedPolicy policy = PolicyGenerator.generate(1_000, PolicyGenerator.DEFAULT_SEED);

    @Test
    void moquetteAnswersThePublishQueriesAsThePolicyDoes() {
        MoquetteAcl acl = MoquetteAcl.parse(MoquetteAclFormat.write(policy.rules()));
        for (Position position : Position.values()) {
            Query q = policy.publish(position);
            assertThat(acl.canWrite(q.topic(), q.username(), q.clientId())).as(position.name())
                    .isEqualTo(q.expected().name().equals("ALLOW"));
        }
    }

    @Test
    void moquetteExpandsThePlaceholderPatterns() {
        MoquetteAcl acl = MoquetteAcl.parse(MoquetteAclFormat.write(policy.rules()));
        assertThat(acl.canWrite("devices/client-3/up", "user-3", "client-3")).isTrue();
        assertThat(acl.canWrite("devices/client-4/up", "user-3", "client-3")).isFalse();
    }

    @Test
    void moquetteFileLeavesOutWhatItCannotExpress() {
        String acl = MoquetteAclFormat.write(policy.rules());
        assertThat(acl).doesNotContain("site/dev-").doesNotContain("ops/").doesNotContain("plant/")
                .doesNotContain("blocked").contains("user user-0\ntopic readwrite fleet/user-0/+/telemetry\n")
                .contains("pattern readwrite devices/%c/#");
    }

    @Test
    void mosquittoFilePutsPatternsBeforeTheFirstUserSection() {
        String acl = MosquittoAclFormat.write(policy.rules());
        int firstUser = acl.indexOf("\nuser ");
        assertThat(acl.lastIndexOf("pattern ")).isLessThan(firstUser);
        assertThat(acl).startsWith("pattern ").contains("pattern readwrite devices/%c/#\n")
                .contains("pattern write telemetry/%u/+\n")
                .contains("user user-999\ntopic readwrite fleet/user-999/+/telemetry\n")
                .doesNotContain("site/dev-").doesNotContain("eq ");
    }

    @Test
    void mosquittoFileTranslatesPerUserDenyRules() {
        GeneratedRule deny = policy.rules().stream().filter(r -> r.kind() == RuleKind.DENY).findFirst().orElseThrow();
        assertThat(MosquittoAclFormat.write(policy.rules()))
                .contains("user " + deny.subject() + "\ntopic deny " + deny.topic() + "\n");
    }
}
