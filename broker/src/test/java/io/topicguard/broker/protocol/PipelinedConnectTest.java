package io.topicguard.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.PasswordFileAuthenticator;
import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client may send SUBSCRIBE right behind CONNECT, before CONNACK (MQTT 5.0 §3.1.4): with a
 * password file the broker holds it while the password is checked, and must still deliver the
 * retained messages it matches, QoS 0 included.
 */
class PipelinedConnectTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aSubscribeSentInTheSameWriteAsConnectGetsTheRetainedQos0Message() throws Exception {
        Path passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "alice", "right".getBytes(StandardCharsets.UTF_8));
        AuthenticationChain passwords = AuthenticationChain.of(List.of(PasswordFileAuthenticator.load(passwd)));
        try (Broker broker = TestBroker.start(AccessControl.of(PolicyBroker.policy("anonymous allow\nallow all to publish, subscribe \"r/#\"\n")),
                passwords, ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)))) {
            try (V5Client publisher = V5Client.connect(broker.tcpPort(), "publisher")) {
                publisher.publish("r/t", "kept", 0, true);
            }
            try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
                raw.sendBytes(encoded(
                        MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("pipelined").cleanSession(true)
                                .keepAlive(60).username("alice").password("right".getBytes(StandardCharsets.UTF_8)).build(),
                        MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, "r/#").build()));
                MqttConnAckMessage connAck = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
                assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isZero();
                raw.next(MqttMessageType.SUBACK, WAIT);
                MqttPublishMessage retained = (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
                assertThat(retained.variableHeader().topicName()).isEqualTo("r/t");
                assertThat(retained.fixedHeader().isRetain()).isTrue();
                retained.release();
            }
        }
    }

    /** The packets' bytes back to back, so that they reach the broker in one write. */
    private static byte[] encoded(MqttMessage... packets) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound((Object[]) packets);
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        encoder.finishAndReleaseAll();
        byte[] bytes = ByteBufUtil.getBytes(all);
        all.release();
        return bytes;
    }
}
