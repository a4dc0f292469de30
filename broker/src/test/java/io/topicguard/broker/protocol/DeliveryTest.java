package io.topicguard.broker.protocol;

import io.topicguard.broker.testing.AllowAllBroker;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.topicguard.testkit.mqtt.Deliveries.untilSentinel;
import static org.assertj.core.api.Assertions.assertThat;

/** MQTT delivery semantics with a policy that allows everything: the protocol is the subject here. */
class DeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final AllowAllBroker BROKER = new AllowAllBroker();

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void v3PublishIsDeliveredAtTheRequestedQos(int qos) throws Exception {
        try (V3Client sub = V3Client.connect(BROKER.port(), "v3-sub-" + qos); V3Client pub = V3Client.connect(BROKER.port(), "v3-pub-" + qos)) {
            assertThat(sub.subscribe("q/" + qos + "/#", 2)).isEqualTo(2);
            pub.publish("q/" + qos + "/x", "hello", qos, false);
            Received r = sub.next(WAIT);
            assertThat(r.topic()).isEqualTo("q/" + qos + "/x");
            assertThat(r.payload()).isEqualTo("hello");
            assertThat(r.qos()).isEqualTo(qos);
        }
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void v5PublishIsDeliveredAtTheMinimumOfPublishedAndGrantedQos(int granted) throws Exception {
        try (V5Client sub = V5Client.connect(BROKER.port(), "v5-sub-" + granted); V5Client pub = V5Client.connect(BROKER.port(), "v5-pub-" + granted)) {
            assertThat(sub.subscribe("g/" + granted + "/+", granted)).isEqualTo(granted);
            assertThat(pub.publish("g/" + granted + "/x", "m", 2, false)).isZero();
            assertThat(sub.next(WAIT).qos()).isEqualTo(granted);
        }
    }

    @Test
    void overlappingSubscriptionsDeliverOnceAtTheHighestQosWithEverySubscriptionId() throws Exception {
        try (V5Client sub = V5Client.connect(BROKER.port(), "overlap-sub"); V5Client pub = V5Client.connect(BROKER.port(), "overlap-pub")) {
            sub.subscribe(new MqttSubscription("o/#", 0), 7);
            sub.subscribe(new MqttSubscription("o/+/c", 2), 9);
            pub.publish("o/b/c", "once", 2, false);
            pub.publish("o/end", "sentinel", 0, false);
            List<Received> got = untilSentinel(sub.received, WAIT);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).qos()).isEqualTo(2);
            assertThat(got.get(0).subscriptionIds()).containsExactlyInAnyOrder(7, 9);
        }
    }

    @Test
    void noLocalSubscriptionDoesNotReceiveItsOwnPublications() throws Exception {
        try (V5Client self = V5Client.connect(BROKER.port(), "nolocal")) {
            MqttSubscription s = new MqttSubscription("nl/#", 1);
            s.setNoLocal(true);
            self.subscribe(s, null);
            try (V5Client other = V5Client.connect(BROKER.port(), "nolocal-other")) {
                self.publish("nl/own", "mine", 1, false);
                other.publish("nl/end", "sentinel", 1, false);
            }
            assertThat(untilSentinel(self.received, WAIT)).isEmpty();
        }
    }

    @Test
    void retainedMessageIsSetReplacedAndCleared() throws Exception {
        try (V3Client pub = V3Client.connect(BROKER.port(), "ret-pub")) {
            pub.publish("ret/a", "first", 1, true);
            pub.publish("ret/a", "second", 1, true);
            try (V3Client sub = V3Client.connect(BROKER.port(), "ret-sub-1")) {
                sub.subscribe("ret/#", 1);
                Received r = sub.next(WAIT);
                assertThat(r.payload()).isEqualTo("second");
                assertThat(r.retained()).isTrue();
            }
            pub.publish("ret/a", "", 1, true);
            try (V3Client sub = V3Client.connect(BROKER.port(), "ret-sub-2")) {
                sub.subscribe("ret/#", 1);
                pub.publish("ret/end", "sentinel", 1, false);
                assertThat(untilSentinel(sub.received, WAIT)).isEmpty();
            }
        }
    }

    @Test
    void liveMessagesLoseTheRetainFlagUnlessRetainAsPublished() throws Exception {
        try (V5Client plain = V5Client.connect(BROKER.port(), "rap-plain"); V5Client rap = V5Client.connect(BROKER.port(), "rap-yes");
             V5Client pub = V5Client.connect(BROKER.port(), "rap-pub")) {
            plain.subscribe("rap/x", 1);
            MqttSubscription s = new MqttSubscription("rap/x", 1);
            s.setRetainAsPublished(true);
            rap.subscribe(s, null);
            pub.publish("rap/x", "r", 1, true);
            assertThat(plain.next(WAIT).retained()).isFalse();
            assertThat(rap.next(WAIT).retained()).isTrue();
            pub.publish("rap/x", "", 1, true);
        }
    }

    @Test
    void oneFanOutGivesEachProtocolVersionAndRetainFlagItsOwnPacket() throws Exception {
        // Every QoS 0 delivery of one publication may share one encoded packet: never across versions or RETAIN flags.
        try (V3Client v3 = V3Client.connect(BROKER.port(), "fan-v3"); V5Client plain = V5Client.connect(BROKER.port(), "fan-v5");
             V5Client rap = V5Client.connect(BROKER.port(), "fan-v5-rap"); V3Client v3Again = V3Client.connect(BROKER.port(), "fan-v3-2");
             V5Client pub = V5Client.connect(BROKER.port(), "fan-pub")) {
            v3.subscribe("fan/x", 0);
            v3Again.subscribe("fan/x", 0);
            plain.subscribe("fan/x", 0);
            MqttSubscription s = new MqttSubscription("fan/x", 0);
            s.setRetainAsPublished(true);
            rap.subscribe(s, null);
            pub.publish("fan/x", "one", 0, true);
            pub.publish("fan/x", "two", 0, false);
            for (V3Client c : List.of(v3, v3Again)) {
                Received first = c.next(WAIT);
                assertThat(List.of(first.topic(), first.payload(), first.retained())).isEqualTo(List.of("fan/x", "one", false));
                assertThat(c.next(WAIT).payload()).isEqualTo("two");
            }
            Received plainFirst = plain.next(WAIT);
            assertThat(List.of(plainFirst.topic(), plainFirst.payload(), plainFirst.retained())).isEqualTo(List.of("fan/x", "one", false));
            assertThat(plain.next(WAIT).payload()).isEqualTo("two");
            Received rapFirst = rap.next(WAIT);
            assertThat(List.of(rapFirst.topic(), rapFirst.payload(), rapFirst.retained())).isEqualTo(List.of("fan/x", "one", true));
            Received rapSecond = rap.next(WAIT);
            assertThat(List.of(rapSecond.payload(), rapSecond.retained())).isEqualTo(List.of("two", false));
            pub.publish("fan/x", "", 1, true);
        }
    }

    @Test
    void retainHandlingTwoSendsNoRetainedMessagesOnSubscribe() throws Exception {
        try (V5Client pub = V5Client.connect(BROKER.port(), "rh-pub"); V5Client sub = V5Client.connect(BROKER.port(), "rh-sub")) {
            pub.publish("rh/x", "kept", 1, true);
            MqttSubscription s = new MqttSubscription("rh/#", 1);
            s.setRetainHandling(2);
            sub.subscribe(s, null);
            pub.publish("rh/end", "sentinel", 1, false);
            assertThat(untilSentinel(sub.received, WAIT)).isEmpty();
            pub.publish("rh/x", "", 1, true);
        }
    }

    @Test
    void sharedSubscriptionDeliversEachMessageToOneMemberOfEachGroup() throws Exception {
        try (V5Client a1 = V5Client.connect(BROKER.port(), "share-a1"); V5Client a2 = V5Client.connect(BROKER.port(), "share-a2");
             V5Client b1 = V5Client.connect(BROKER.port(), "share-b1"); V5Client pub = V5Client.connect(BROKER.port(), "share-pub")) {
            a1.subscribe("$share/a/work/+", 1);
            a2.subscribe("$share/a/work/+", 1);
            b1.subscribe("$share/b/work/+", 1);
            int n = 20;
            for (int i = 0; i < n; i++) {
                pub.publish("work/" + i, "job" + i, 1, false);
            }
            List<Received> groupB = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                groupB.add(b1.next(WAIT));
            }
            List<Received> groupA = new ArrayList<>();
            while (groupA.size() < n) {
                Received r = a1.received.poll();
                if (r == null) {
                    r = a2.received.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                if (r != null) {
                    groupA.add(r);
                }
            }
            assertThat(groupA).extracting(Received::payload).doesNotHaveDuplicates().hasSize(n);
            assertThat(groupB).extracting(Received::payload).doesNotHaveDuplicates().hasSize(n);
            assertThat(a1.received).isEmpty();
            assertThat(a2.received).isEmpty();
        }
    }

    @Test
    void unsubscribeStopsDelivery() throws Exception {
        try (V5Client sub = V5Client.connect(BROKER.port(), "unsub"); V5Client pub = V5Client.connect(BROKER.port(), "unsub-pub")) {
            sub.subscribe("u/#", 1);
            sub.subscribe("u/end", 1);
            sub.client.unsubscribe("u/#").waitForCompletion(5_000);
            pub.publish("u/x", "gone", 1, false);
            pub.publish("u/end", "sentinel", 1, false);
            assertThat(untilSentinel(sub.received, WAIT)).isEmpty();
        }
    }
}
