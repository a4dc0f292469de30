package io.topicguard.testkit.mqtt;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** An Eclipse Paho MQTT 5 client that records what it receives and how it was disconnected. */
public final class V5Client implements AutoCloseable {

    private static final long WAIT_MS = 5_000;

    public final MqttAsyncClient client;
    public final Inbox received = new Inbox();
    /** Every message whole, properties included, for tests that look at what the broker forwarded. */
    public final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    /** Completes with the server's DISCONNECT reason code, or -1 when the connection just dropped. */
    public final CompletableFuture<Integer> disconnected = new CompletableFuture<>();

    /** One message as it arrived, with its properties. */
    public record Arrival(String topic, MqttMessage message) {
    }

    private V5Client(MqttAsyncClient client) {
        this.client = client;
    }

    public static MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        o.setCleanStart(true);
        return o;
    }

    /** {@link #options()} logging in as {@code username} (null: anonymous) with {@code password} (null: none). */
    public static MqttConnectionOptions login(String username, String password) {
        MqttConnectionOptions o = options();
        o.setUserName(username);
        if (password != null) {
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    /** {@link #options()} logging in as {@code username} without a password. */
    public static MqttConnectionOptions login(String username) {
        return login(username, null);
    }

    public static V5Client connect(int port, String clientId) throws MqttException {
        return connect(port, clientId, options());
    }

    public static V5Client connect(int port, String clientId, MqttConnectionOptions options) throws MqttException {
        V5Client c = create(port, clientId);
        c.client.connect(options).waitForCompletion(WAIT_MS);
        return c;
    }

    public static V5Client create(int port, String clientId) throws MqttException {
        return create("tcp://127.0.0.1:" + port, clientId);
    }

    /** A client that is not connected yet, for any server URI Paho takes: {@code ws://127.0.0.1:8080/mqtt}, {@code wss://...}. */
    public static V5Client create(String serverUri, String clientId) throws MqttException {
        V5Client c = new V5Client(new MqttAsyncClient(serverUri, clientId, new MemoryPersistence()));
        c.client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                c.disconnected.complete(response.getReturnCode());
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                c.arrivals.add(new Arrival(topic, message));
                MqttProperties p = message.getProperties();
                List<Integer> ids = p == null || p.getSubscriptionIdentifiers() == null ? List.of() : List.copyOf(p.getSubscriptionIdentifiers());
                c.received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(),
                        message.isRetained(), message.isDuplicate(), ids));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        return c;
    }

    /** Connects and returns the CONNACK reason code (0 when accepted). */
    public int tryConnect(MqttConnectionOptions options) {
        try {
            client.connect(options).waitForCompletion(WAIT_MS);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /** Connects a fresh client, returns the CONNACK reason code (0 when accepted) and closes it. */
    public static int connectReasonCode(int port, String clientId, MqttConnectionOptions options) throws MqttException {
        try (V5Client c = create(port, clientId)) {
            return c.tryConnect(options);
        }
    }

    /** Subscribes and returns the SUBACK reason code for the filter. */
    public int subscribe(String filter, int qos) throws MqttException {
        return subscribe(new MqttSubscription(filter, qos), null);
    }

    public int subscribe(MqttSubscription subscription, Integer subscriptionId) throws MqttException {
        MqttProperties props = new MqttProperties();
        if (subscriptionId != null) {
            props.setSubscriptionIdentifier(subscriptionId);
        }
        IMqttToken token = client.subscribe(new MqttSubscription[] {subscription}, null, null, props);
        token.waitForCompletion(WAIT_MS);
        return token.getReasonCodes()[0];
    }

    /** Publishes and returns the PUBACK/PUBREC reason code (0 for QoS 0). */
    public int publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        m.setRetained(retained);
        int inFlightBefore = client.getInFlightMessageCount();
        IMqttToken token = client.publish(topic, m);
        try {
            token.waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80) {
                return e.getReasonCode(); // Paho reports a QoS 2 refusal (PUBREC >= 0x80) as an exception
            }
            throw e;
        } finally {
            awaitInFlightBackTo(inFlightBefore);
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /**
     * Paho completes a publish's token before its callback thread gives back the publish's slot of
     * the server's Receive Maximum; a test publishing in a loop then meets "Too many publishes in
     * progress" (32202) now and then. Waiting for the slot keeps a publish that returned a true
     * barrier; a count that does not come back (another publish still in flight) is not waited out.
     */
    private void awaitInFlightBackTo(int count) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> client.getInFlightMessageCount() <= count);
        } catch (ConditionTimeoutException e) {
            // Not this publish's slot: someone else's message is still in flight.
        }
    }

    /** The next message received, within {@code timeout}: see {@link Inbox#next}. */
    public Received next(Duration timeout) throws InterruptedException {
        return received.next(timeout);
    }

    /** Everything received within {@code quiet} of the last message: see {@link Inbox#drain}. */
    public List<Received> drain(Duration quiet) throws InterruptedException {
        return received.drain(quiet);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }
}
