package io.topicguard.broker.protocol;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.AllowAll;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input affects only its own connection: closed (with the MQTT 5 reason code where there is
 * one), while the broker and every other client keep working.
 */
class BadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    // Short enough that silent clients are closed well within WAIT, long enough that a well-behaved
    // client's CONNECT is read in time on a loaded machine while 1,000 half-open sockets are closed
    // (at 700 ms a bystander was once closed before its CONNECT was read, under four parallel builds).
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static Broker broker;
    private static int port;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(new AllowAll(), null,
                ProtocolLimits.defaults().withConnectTimeout(CONNECT_TIMEOUT).withMaximumPacketSize(1024));
        port = broker.tcpPort();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** After every bad client, a good one still connects, subscribes and receives. */
    @AfterEach
    void othersAreUnaffected() throws Exception {
        try (V5Client sub = V5Client.connect(port, "bystander"); V5Client pub = V5Client.connect(port, "bystander-pub")) {
            sub.subscribe("ok/#", 1);
            pub.publish("ok/still", "fine", 1, false);
            assertThat(sub.next(WAIT).payload()).isEqualTo("fine");
        }
    }

    @Test
    void garbageBytesCloseTheConnection() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port)) {
            raw.sendBytes(new byte[] {(byte) 0xF0, 0x7F, 1, 2, 3, 4, 5, 6, 7});
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void firstPacketOtherThanConnectClosesTheConnection() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port)) {
            raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void oversizedPacketIsRefusedWithPacketTooLarge() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port)) {
            raw.connectV5("oversized", true, 0);
            MqttConnAckMessage connAck = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
            Object max = connAck.variableHeader().properties().getProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value()).value();
            assertThat(max).as("advertised Maximum Packet Size").isEqualTo(1024);
            raw.send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttPublishVariableHeader("big", 0, MqttProperties.NO_PROPERTIES), Unpooled.wrappedBuffer(new byte[4096])));
            assertThat(reasonCode(raw.next(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x95);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void secondConnectIsAProtocolError() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port)) {
            raw.connectV5("twice", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            raw.connectV5("twice", true, 0);
            assertThat(reasonCode(raw.next(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x82);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void publishWithAWildcardTopicClosesTheConnection() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port)) {
            raw.connectV5("wildcard-pub", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            // Netty's encoder refuses such a topic, so the bytes are written by hand:
            // PUBLISH QoS 0, topic "a/+" (length 3), empty property list, empty payload.
            raw.sendBytes(new byte[] {0x30, 6, 0, 3, 'a', '/', '+', 0});
            assertThat(reasonCode(raw.next(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x81);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void publishWithInvalidUtf8InTheTopicClosesTheConnection() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port)) {
            raw.connectV3("bad-utf8", true, 60);
            raw.next(MqttMessageType.CONNACK, WAIT);
            // PUBLISH QoS 0, topic length 2, bytes C3 28 (an ill-formed UTF-8 sequence), payload "x"
            raw.sendBytes(new byte[] {0x30, 5, 0, 2, (byte) 0xC3, 0x28, 'x'});
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void unknownProtocolLevelIsRefusedWithReturnCodeOne() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port)) {
            // CONNECT, protocol name "MQTT", level 9, clean session, keep-alive 60, client id "x"
            raw.sendBytes(new byte[] {0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 9, 0x02, 0, 60, 0, 1, 'x'});
            MqttConnAckMessage connAck = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
            assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 1);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void silentClientIsClosedAfterTheConnectTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout((int) WAIT.toMillis());
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("end of stream: the broker closed the silent connection").isEqualTo(-1);
        }
    }

    @Test
    void manyHalfOpenConnectionsAreAllClosedAndDoNotBlockOthers() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port));
                s.getOutputStream().write(0x10); // the first byte of a CONNECT, and nothing more
                sockets.add(s);
            }
            othersAreUnaffected();
            await().atMost(Duration.ofSeconds(20)).until(() -> sockets.stream().allMatch(BadInputTest::closedByPeer));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static boolean closedByPeer(Socket s) {
        try {
            s.setSoTimeout(1);
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int reasonCode(MqttMessage disconnect) {
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
    }
}
