package io.topicguard.broker.interop;

import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * testkit's Paho MQTT 5 client, seen the way the suite's MQTT 5 tests see theirs: each message
 * whole (the tests look at the properties the broker forwarded), connects that return the
 * CONNACK, disconnects that carry properties, and the suite's {@code terminate()}.
 */
final class PahoV5 implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** One message as it arrived. */
    record Arrived(String topic, MqttMessage message) {
        String payload() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }

        int qos() {
            return message.getQos();
        }

        MqttProperties properties() {
            return message.getProperties();
        }
    }

    private final V5Client paho;
    final MqttAsyncClient client;
    /** The server's DISCONNECT reason code, or -1 when the connection just dropped. */
    final CompletableFuture<Integer> disconnected;

    private PahoV5(V5Client paho) {
        this.paho = paho;
        this.client = paho.client;
        this.disconnected = paho.disconnected;
    }

    static PahoV5 create(int port, String clientId) throws MqttException {
        return new PahoV5(V5Client.create(port, clientId));
    }

    static MqttConnectionOptions options(boolean cleanStart) {
        MqttConnectionOptions o = V5Client.options();
        o.setCleanStart(cleanStart);
        o.setConnectionTimeout((int) WAIT.toSeconds()); // builds share busy machines: a CONNACK may take more than Paho's 5 s
        return o;
    }

    /** Connects and returns the completed token: its response properties are the CONNACK's. */
    IMqttToken connect(MqttConnectionOptions options) throws MqttException {
        IMqttToken token = client.connect(options);
        token.waitForCompletion(WAIT.toMillis());
        return token;
    }

    IMqttToken connect(boolean cleanStart) throws MqttException {
        return connect(options(cleanStart));
    }

    /** Subscribes in one SUBSCRIBE and returns the SUBACK's reason codes. */
    int[] subscribe(MqttProperties properties, MqttSubscription... subscriptions) throws MqttException {
        IMqttToken token = client.subscribe(subscriptions, null, null, properties == null ? new MqttProperties() : properties);
        token.waitForCompletion(WAIT.toMillis());
        return token.getReasonCodes();
    }

    int[] subscribe(String filter, int qos) throws MqttException {
        return subscribe(null, new MqttSubscription(filter, qos));
    }

    /** Publishes and waits for the exchange to complete (PUBACK, PUBCOMP, or written for QoS 0). */
    void publish(String topic, String payload, int qos, boolean retained, MqttProperties properties) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        m.setRetained(retained);
        if (properties != null) {
            m.setProperties(properties);
        }
        client.publish(topic, m).waitForCompletion(WAIT.toMillis());
    }

    void publish(String topic, String payload, int qos) throws MqttException {
        publish(topic, payload, qos, false, null);
    }

    Arrived next() throws InterruptedException {
        V5Client.Arrival a = paho.arrivals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (a == null) {
            throw new AssertionError("no message within " + WAIT);
        }
        return new Arrived(a.topic(), a.message());
    }

    /** The next {@code n} messages, in arrival order. */
    List<Arrived> next(int n) throws InterruptedException {
        List<Arrived> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /**
     * The messages that arrive before the sentinel ({@link RawPeer#SENTINEL}), which the test
     * publishes after everything it expects, from the same client or once those were delivered:
     * the broker keeps one publisher's order for a subscriber, so what did not arrive before the
     * sentinel was not sent. (Across publishers there is no order: a message queued while the
     * subscriber was away may well arrive after one published once it is back.) The sentinel goes
     * at QoS 2: Paho hands a QoS 2 message to the application only at PUBREL, so one of lower QoS
     * sent after it can reach the application first.
     */
    List<Arrived> beforeSentinel() throws InterruptedException {
        List<Arrived> out = new ArrayList<>();
        for (Arrived a = next(); !a.payload().equals(RawPeer.SENTINEL); a = next()) {
            out.add(a);
        }
        return out;
    }

    void disconnect() throws MqttException {
        client.disconnect().waitForCompletion(WAIT.toMillis());
    }

    /** Disconnects normally with these DISCONNECT properties (a session expiry interval). */
    void disconnect(MqttProperties properties) throws MqttException {
        client.disconnect(1_000, null, null, 0, properties).waitForCompletion(WAIT.toMillis());
    }

    /** Drops the connection without DISCONNECT, as the suite's {@code terminate()} does. */
    void terminate() throws MqttException {
        client.disconnectForcibly(0, 1_000, false);
    }

    @Override
    public void close() {
        paho.close();
    }
}
