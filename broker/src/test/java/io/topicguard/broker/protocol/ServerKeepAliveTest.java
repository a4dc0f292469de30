package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.AllowAll;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 5 Server Keep Alive (MQTT 5.0 §3.2.2.3.14): a keep-alive above the maximum is replaced, the client told, and the shorter one enforced. */
class ServerKeepAliveTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aLongerKeepAliveIsCappedToldToPahoAndEnforced() throws Exception {
        try (Broker broker = TestBroker.start(new AllowAll(), null,
                ProtocolLimits.defaults().toBuilder().connectTimeout(Duration.ofSeconds(5)).maximumKeepAlive(1).build())) {
            try (V5Client paho = V5Client.create(broker.tcpPort(), "ska-paho")) {
                MqttConnectionOptions o = V5Client.options();
                o.setKeepAliveInterval(120);
                IMqttToken token = paho.client.connect(o);
                token.waitForCompletion(WAIT.toMillis());
                assertThat(token.getResponseProperties().getServerKeepAlive()).isEqualTo(1);
            }
            try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
                raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("ska-silent").cleanSession(true)
                        .keepAlive(120).build());
                raw.next(MqttMessageType.CONNACK, WAIT);
                // Silent from now on: under its own 120 s it would stay; under the broker's 1 s it is closed.
                MqttMessage disconnect = raw.next(MqttMessageType.DISCONNECT, WAIT);
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF).isEqualTo(0x8D);
                assertThat(raw.awaitClosed(WAIT)).isTrue();
            }
        }
    }
}
