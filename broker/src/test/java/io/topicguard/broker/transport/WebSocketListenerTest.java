package io.topicguard.broker.transport;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.broker.server.BrokerListener;
import io.topicguard.broker.server.TlsPipeline;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.tls.TlsContextFactory;
import io.topicguard.broker.tls.TlsOptions;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import io.topicguard.testkit.pki.TestPki;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * MQTT over WebSocket (docs/broker.md): Paho's {@code ws://} and {@code wss://} clients, in both
 * protocol versions, meet the same policy as TCP clients, and the listener's name is what the
 * policy's {@code listener} term sees. An upgrade at another path, or without the {@code mqtt}
 * subprotocol, is refused before any MQTT byte.
 */
class WebSocketListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String POLICY = """
            anonymous allow
            allow listener "ws" to publish, subscribe "web/#"
            allow listener "wss" to publish, subscribe "secure/#"
            allow listener "tcp" to subscribe "web/#", "secure/#"
            """;

    @TempDir
    Path dir;

    private TestPki.Issued ca;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        ca = TestPki.ca("Test CA");
        TestPki.ServerFiles server = TestPki.serverFiles(dir, ca);
        TlsPipeline tls = TlsPipeline.of(TlsContextFactory.serverContext(new TlsOptions(server.cert(), server.key(), null, false)));
        broker = Broker.start(BrokerConfig.builder(AccessControl.of(PolicyBroker.policy(POLICY)))
                .listener(BrokerListener.tcp("tcp", "127.0.0.1", 0))
                .listener(BrokerListener.tcp("ws", "127.0.0.1", 0).webSocket("/mqtt"))
                .listener(BrokerListener.tcp("wss", "127.0.0.1", 0).webSocket("/mqtt").tls(tls))
                .build());
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private String ws(String path) {
        return "ws://127.0.0.1:" + broker.port("ws").orElseThrow() + path;
    }

    private String wss() {
        return "wss://127.0.0.1:" + broker.port("wss").orElseThrow() + "/mqtt";
    }

    @Test
    void v5ClientOverWebSocketIsAuthorizedAsListenerWs() throws Exception {
        try (V5Client web = V5Client.create(ws("/mqtt"), "web-1");
             V5Client tcp = V5Client.connect(broker.tcpPort(), "tcp-1")) {
            assertThat(web.tryConnect(V5Client.options())).as("CONNACK over ws://").isZero();
            assertThat(web.subscribe("web/#", 1)).isEqualTo(1);
            assertThat(web.subscribe("secure/#", 1)).as("the wss listener's rule is not this listener's").isEqualTo(0x87);
            assertThat(tcp.subscribe("web/#", 1)).isEqualTo(1);

            assertThat(web.publish("web/news", "over websocket", 1, false)).isZero();
            assertThat(web.next(WAIT).payload()).isEqualTo("over websocket");
            assertThat(tcp.next(WAIT).payload()).isEqualTo("over websocket");
            assertThat(tcp.publish("web/news", "from tcp", 1, false)).as("tcp may not publish there").isEqualTo(0x87);
        }
    }

    @Test
    void v3ClientOverWebSocketPublishesAndReceives() throws Exception {
        try (V3Client web = V3Client.create(ws("/mqtt"), "web-3")) {
            web.client.connect(V3Client.options());
            assertThat(web.subscribe("web/#", 1)).isEqualTo(1);
            assertThat(web.subscribe("secure/#", 1)).isEqualTo(0x80);
            web.publish("web/v3", "three", 1, false);
            assertThat(web.next(WAIT).payload()).isEqualTo("three");
        }
    }

    @Test
    void clientsOverSecureWebSocketAreAuthorizedAsListenerWss() throws Exception {
        MqttConnectionOptions v5 = V5Client.options();
        v5.setSocketFactory(TestPki.clientContext(ca, null).getSocketFactory());
        MqttConnectOptions v3 = V3Client.options();
        v3.setSocketFactory(TestPki.clientContext(ca, null).getSocketFactory());
        try (V5Client five = V5Client.create(wss(), "wss-5"); V3Client three = V3Client.create(wss(), "wss-3")) {
            assertThat(five.tryConnect(v5)).as("CONNACK over wss://").isZero();
            three.client.connect(v3);
            assertThat(five.subscribe("secure/#", 1)).isEqualTo(1);
            assertThat(five.subscribe("web/#", 1)).isEqualTo(0x87);
            three.publish("secure/door", "open", 1, false);
            assertThat(five.next(WAIT).payload()).isEqualTo("open");
        }
    }

    @Test
    void aClientAtAnotherPathIsRefused() throws Exception {
        try (V5Client lost = V5Client.create(ws("/other"), "lost-1")) {
            lost.tryConnect(V5Client.options());
            assertThat(lost.client.isConnected()).as("connected at /other").isFalse();
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ws("/other").replace("ws:", "http:")))
                .header("Sec-WebSocket-Protocol", "mqtt").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("no MQTT over WebSocket at /other (the path is /mqtt)");
    }

    @Test
    void anUpgradeWithoutTheMqttSubprotocolIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        WebSocket accepted = open(http, "mqtt").join();
        assertThat(accepted.getSubprotocol()).as("the same request with mqtt is upgraded").isEqualTo("mqtt");
        accepted.abort();
        assertThat(open(http, "mqttv3.1").join().getSubprotocol()).isEqualTo("mqttv3.1");

        Throwable refused = catchThrowable(() -> open(http, "wamp").join());
        assertThat(refused).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(String.valueOf(response.body())).contains("the WebSocket subprotocol must be one of mqtt, mqttv3.1, offered: wamp");
    }

    @Test
    void aPacketSplitAcrossFramesIsReadAsOne() throws Exception {
        // MQTT 3.1.1 CONNECT, clean session, keep alive 60, client id "ws" (MQTT-6.0.0-2: packets may span frames).
        byte[] connect = {0x10, 0x0E, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 2, 'w', 's'};
        CompletableFuture<byte[]> connack = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(URI.create(ws("/mqtt")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        connack.complete(bytes);
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(connect, 0, 5), false).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(connect, 5, connect.length - 5), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(connack.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("CONNACK, accepted").containsExactly(0x20, 0x02, 0x00, 0x00);
        ws.abort();
    }

    @Test
    void aTextFrameClosesTheConnection() throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(URI.create(ws("/mqtt")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                        closed.complete("close " + statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        closed.complete("dropped");
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ws.sendText("CONNECT", true);

        // MQTT-6.0.0-1: data in any frame but a binary one closes the network connection.
        assertThat(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
    }

    private CompletableFuture<WebSocket> open(HttpClient http, String subprotocol) {
        return http.newWebSocketBuilder().subprotocols(subprotocol).connectTimeout(WAIT)
                .buildAsync(URI.create(ws("/mqtt")), new WebSocket.Listener() { })
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
