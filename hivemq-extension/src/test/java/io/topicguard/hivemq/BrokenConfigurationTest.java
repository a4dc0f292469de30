package io.topicguard.hivemq;

import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broken {@code topicguard.yaml} is never half-applied: every located problem is logged, the
 * extension does not start, and HiveMQ, left without an authenticator, admits no client.
 */
class BrokenConfigurationTest {

    @Test
    void anInvalidFileIsLoggedWithItsLocationsAndNoClientIsAdmitted() throws Exception {
        try (LogLines errors = new LogLines(TopicguardExtension.class.getName());
             EmbeddedTopicguard hivemq = EmbeddedTopicguard.start(EmbeddedTopicguard.folder("""
                     policy: policy.acl
                     authentication:
                       - password-fiel: passwd
                     """, "policy.acl", "default deny\nallow all to publish \"a/#\"\n"))) {
            assertThat(errors.lines()).anySatisfy(line -> assertThat(line)
                    .containsPattern("topicguard\\.yaml:3:\\d+: error: .*password-fiel"));
            assertThat(V5Client.connectReasonCode(hivemq.port(), "nobody", V5Client.login("alice", "secret"))).isNotZero();
        }
    }

    @Test
    void aPolicyThatDoesNotLoadIsLoggedWithItsLocationsAndNoClientIsAdmitted() throws Exception {
        try (LogLines errors = new LogLines(TopicguardExtension.class.getName());
             EmbeddedTopicguard hivemq = EmbeddedTopicguard.start(EmbeddedTopicguard.folder("""
                     policy: policy.acl
                     authentication:
                       - trust-username: true
                     """, "policy.acl", "default deny\nallow all to publsh \"a/#\"\n"))) {
            assertThat(errors.lines()).anySatisfy(line -> assertThat(line).containsPattern("policy\\.acl:2:\\d+"));
            assertThat(V5Client.connectReasonCode(hivemq.port(), "nobody", V5Client.login("alice"))).isNotZero();
        }
    }
}
