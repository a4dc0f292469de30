package io.topicguard.broker.persistence;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once across {@code kill -9} for QoS 2 messages the broker received: a PUBLISH answered
 * PUBREC before the crash was routed and stored once; the publisher resending it (DUP) after the
 * restart gets PUBREC again and the subscriber does not get it twice, and its PUBREL gets PUBCOMP.
 * A packet id whose exchange completed (PUBCOMP) before the crash is free: a new message with it is delivered.
 * A raw client, since Paho cannot be stopped between PUBREC and PUBREL.
 */
class IncomingQos2CrashTest {

    @TempDir
    Path dir;

    private static void connect(RawMqttClient c, int version) throws InterruptedException {
        if (version == 5) {
            c.connectV5("publisher", false, 3600);
        } else {
            c.connectV3("publisher", false, 60);
        }
        c.next(MqttMessageType.CONNACK, RawPackets.WAIT);
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(ints = {5, 3})
    void aQos2PublishAnsweredPubrecBeforeKill9IsDeliveredOnceAndCompletedAfterTheRestart(int version) throws Exception {
        Path policy = StoredBroker.policy(dir, StoredBroker.OPEN);
        Path data = dir.resolve("data");
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run1.log"))) {
            int port = broker.awaitPort();
            try (V3Client reader = V3Client.connect(port, "reader", StoredBroker.persistent())) {
                assertThat(reader.subscribe("in/#", 2)).isEqualTo(2);
            }
            try (RawMqttClient p = RawMqttClient.connect(port)) {
                connect(p, version);
                p.send(RawPackets.publishQos2("in/resent", "resent", 7, false));
                assertThat(RawPackets.reply(p, MqttMessageType.PUBREC, 7)).isZero(); // after the commit holding it
                p.send(RawPackets.publishQos2("in/released", "released", 8, false));
                assertThat(RawPackets.reply(p, MqttMessageType.PUBREC, 8)).isZero();
                // Packet 11 completes: the client is free to reuse the id once it has PUBCOMP.
                p.send(RawPackets.publishQos2("in/completed", "completed", 11, false));
                RawPackets.reply(p, MqttMessageType.PUBREC, 11);
                p.send(RawPackets.pubrel(11));
                RawPackets.reply(p, MqttMessageType.PUBCOMP, 11);
                broker.kill(); // before the PUBREL of 7 and 8, right after the PUBCOMP of 11
            }
        }
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run2.log"))) {
            int port = broker.awaitPort();
            try (RawMqttClient p = RawMqttClient.connect(port)) {
                connect(p, version);
                // Packet 7: the client never saw PUBREC, so it resends the PUBLISH with DUP (MQTT-4.3.3-9 on the broker's side).
                p.send(RawPackets.publishQos2("in/resent", "resent", 7, true));
                assertThat(RawPackets.reply(p, MqttMessageType.PUBREC, 7)).isZero();
                p.send(RawPackets.pubrel(7));
                assertThat(RawPackets.reply(p, MqttMessageType.PUBCOMP, 7)).as("PUBCOMP success for a known packet id").isZero();
                // Packet 8: the client had its PUBREC and goes on with PUBREL.
                p.send(RawPackets.pubrel(8));
                assertThat(RawPackets.reply(p, MqttMessageType.PUBCOMP, 8)).as("PUBCOMP success for a known packet id").isZero();
                // A new message reusing 11 is not taken for a resend of the completed one.
                p.send(RawPackets.publishQos2("in/reused", "reused", 11, false));
                RawPackets.reply(p, MqttMessageType.PUBREC, 11);
                p.send(RawPackets.pubrel(11));
                RawPackets.reply(p, MqttMessageType.PUBCOMP, 11);
                p.send(RawPackets.publishQos2("in/last", "last", 9, false));
                RawPackets.reply(p, MqttMessageType.PUBREC, 9);
                p.send(RawPackets.pubrel(9));
                RawPackets.reply(p, MqttMessageType.PUBCOMP, 9);
            }
            try (V3Client reader = V3Client.create(port, "reader")) {
                reader.client.connect(StoredBroker.persistent());
                // One session queue in order: once "last" is there, any second copy of the others is too.
                List<Received> got = new ArrayList<>();
                await().atMost(RawPackets.WAIT).untilAsserted(() -> {
                    reader.received.drainTo(got);
                    assertThat(got).extracting(Received::payload).contains("last");
                });
                assertThat(got).extracting(Received::payload).containsExactlyInAnyOrder("resent", "released", "completed", "reused", "last");
            }
        }
    }
}
