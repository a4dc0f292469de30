package io.topicguard.broker.review;

import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerInternals;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.topicguard.testkit.mqtt.V5Client.login;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: the router matched the subscription tree, then looked the session up by client
 * id and delivered with the matched subscription's classification. When another identity takes
 * the client id over between the two steps, the previous owner's ALLOW subscription (no
 * per-delivery check) was applied to the new owner's session. The race is reproduced
 * deterministically by leaving such a stale entry in the tree.
 */
class StaleSubscriptionMatchLeakTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String POLICY = """
            allow username "writer" to publish any
            allow all to subscribe "users/${username}/#", "open/#"
            """;

    @Test
    void aSubscriptionTheSessionNoLongerHoldsDeliversNothingToTheClientIdsNewOwner() throws Exception {
        try (Broker broker = PolicyBroker.start(POLICY);
             V5Client mallory = V5Client.connect(broker.tcpPort(), "device-7", login("mallory"));
             V5Client writer = V5Client.connect(broker.tcpPort(), "writer", login("writer"))) {
            assertThat(mallory.subscribe("open/#", 1)).isEqualTo(1);
            // What alice's session (client id device-7, ended by mallory's takeover) left behind in a
            // match taken just before the takeover: classified ALLOW for alice.
            BrokerInternals.subscriptions(broker).add(Subscription.simple("device-7", "users/alice/#", 1, false));

            writer.publish("users/alice/inbox", "for alice only", 1, false);
            writer.publish("open/sentinel", "sentinel", 1, false);

            Received first = mallory.next(WAIT);
            assertThat(first.topic()).as("first message mallory receives").isEqualTo("open/sentinel");
        }
    }
}
