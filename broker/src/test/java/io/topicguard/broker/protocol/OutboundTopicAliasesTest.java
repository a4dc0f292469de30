package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.broker.testing.AllowAllBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-to-client topic aliases (MQTT 5.0 §3.3.2.3.4): assigned up to the client's Topic Alias
 * Maximum, the topic sent with the alias the first time and left empty after, per connection.
 *
 * <p>Checked on the wire with a raw client: Eclipse Paho Java 1.2.5, the MQTT 5 client of the
 * testkit, cannot receive aliases (eclipse-paho/paho.mqtt.java#866: it stores the empty topic of an
 * aliased PUBLISH as the alias's topic and hands the application ""), so a Paho client announcing a
 * Topic Alias Maximum gets empty topics from any broker that uses aliases.
 */
class OutboundTopicAliasesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final AllowAllBroker BROKER = new AllowAllBroker();

    /** What one PUBLISH carried on the wire: its topic field and its Topic Alias (null for none). */
    private record Wire(String topic, Integer alias, String payload) {
    }

    private static RawMqttClient subscriber(String clientId, Integer topicAliasMaximum, String filter) throws InterruptedException {
        RawMqttClient raw = RawMqttClient.connect(BROKER.port());
        MqttProperties props = new MqttProperties();
        if (topicAliasMaximum != null) {
            props.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), topicAliasMaximum));
        }
        raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId).cleanSession(true).keepAlive(60)
                .properties(props).build());
        raw.next(MqttMessageType.CONNACK, WAIT);
        raw.subscribe(1, filter, MqttQoS.AT_MOST_ONCE);
        raw.next(MqttMessageType.SUBACK, WAIT);
        return raw;
    }

    private static Wire next(RawMqttClient raw) throws InterruptedException {
        MqttPublishMessage p = (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
        try {
            MqttProperties.MqttProperty<?> alias = p.variableHeader().properties().getProperty(MqttPropertyType.TOPIC_ALIAS.value());
            return new Wire(p.variableHeader().topicName(), alias == null ? null : (Integer) alias.value(),
                    p.payload().toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            p.release();
        }
    }

    private static void publish(String... topics) throws Exception {
        try (V5Client pub = V5Client.connect(BROKER.port(), "ta-pub-" + System.nanoTime())) {
            int n = 0;
            for (String t : topics) {
                pub.publish(t, "m" + n++, 1, false);
            }
        }
    }

    @Test
    void aliasesAreSetWhenOtherSubscribersShareOneEncodedPacket() throws Exception {
        // The QoS 0 packet other subscribers share bypasses this handler: the aliasing connection builds its own.
        try (RawMqttClient plain = subscriber("ta-shared-plain", null, "ta9/#");
             RawMqttClient aliased = subscriber("ta-shared-alias", 4, "ta9/#");
             RawMqttClient plainAgain = subscriber("ta-shared-plain-2", null, "ta9/#")) {
            publish("ta9/a", "ta9/a");
            assertThat(List.of(next(aliased), next(aliased))).containsExactly(new Wire("ta9/a", 1, "m0"), new Wire("", 1, "m1"));
            for (RawMqttClient c : List.of(plain, plainAgain)) {
                assertThat(List.of(next(c), next(c))).containsExactly(new Wire("ta9/a", null, "m0"), new Wire("ta9/a", null, "m1"));
            }
        }
    }

    @Test
    void aliasesAreAssignedUpToTheClientsMaximumThenTopicsGoInFull() throws Exception {
        try (RawMqttClient raw = subscriber("ta-raw", 2, "ta1/#")) {
            publish("ta1/a", "ta1/a", "ta1/b", "ta1/c", "ta1/c", "ta1/b", "ta1/a");
            List<Wire> got = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                got.add(next(raw));
            }
            assertThat(got).containsExactly(
                    new Wire("ta1/a", 1, "m0"), new Wire("", 1, "m1"), new Wire("ta1/b", 2, "m2"),
                    new Wire("ta1/c", null, "m3"), new Wire("ta1/c", null, "m4"), new Wire("", 2, "m5"), new Wire("", 1, "m6"));
        }
    }

    @Test
    void aReconnectStartsWithoutAliases() throws Exception {
        try (RawMqttClient raw = subscriber("ta-again", 4, "ta2/#")) {
            publish("ta2/x", "ta2/x");
            assertThat(next(raw)).isEqualTo(new Wire("ta2/x", 1, "m0"));
            assertThat(next(raw)).isEqualTo(new Wire("", 1, "m1"));
        }
        try (RawMqttClient raw = subscriber("ta-again", 4, "ta2/#")) {
            publish("ta2/x");
            assertThat(next(raw)).isEqualTo(new Wire("ta2/x", 1, "m0"));
        }
    }

    @Test
    void aClientThatAnnouncedNoMaximumGetsNoAliases() throws Exception {
        try (RawMqttClient raw = subscriber("ta-none", null, "ta3/#")) {
            publish("ta3/x", "ta3/x");
            assertThat(next(raw)).isEqualTo(new Wire("ta3/x", null, "m0"));
            assertThat(next(raw)).isEqualTo(new Wire("ta3/x", null, "m1"));
        }
    }
}
