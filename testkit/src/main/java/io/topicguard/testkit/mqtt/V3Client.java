package io.topicguard.testkit.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** An Eclipse Paho MQTT 3.1.1 client that records what it receives. */
public final class V3Client implements AutoCloseable {

    public final MqttClient client;
    public final Inbox received = new Inbox();
    public final CountDownLatch lost = new CountDownLatch(1);

    private V3Client(MqttClient client) {
        this.client = client;
    }

    public static MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        o.setCleanSession(true);
        return o;
    }

    /** {@link #options()} logging in as {@code username} (null: anonymous) with {@code password} (null: none). */
    public static MqttConnectOptions login(String username, String password) {
        MqttConnectOptions o = options();
        o.setUserName(username);
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        return o;
    }

    /** {@link #options()} logging in as {@code username} without a password. */
    public static MqttConnectOptions login(String username) {
        return login(username, null);
    }

    /** Connects with clean session and no credentials. */
    public static V3Client connect(int port, String clientId) throws MqttException {
        return connect(port, clientId, options());
    }

    public static V3Client connect(int port, String clientId, MqttConnectOptions options) throws MqttException {
        V3Client c = create(port, clientId);
        c.client.connect(options);
        return c;
    }

    /** A client that is not connected yet, so a test can look at how connect fails. */
    public static V3Client create(int port, String clientId) throws MqttException {
        return create("tcp://127.0.0.1:" + port, clientId);
    }

    /** A client that is not connected yet, for any server URI Paho takes: {@code ws://127.0.0.1:8080/mqtt}, {@code wss://...}. */
    public static V3Client create(String serverUri, String clientId) throws MqttException {
        V3Client c = new V3Client(new MqttClient(serverUri, clientId, new MemoryPersistence()));
        c.client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                c.lost.countDown();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                c.received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(),
                        message.isRetained(), message.isDuplicate(), List.of()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        c.client.setTimeToWait(5_000);
        return c;
    }

    /** Subscribes and returns the granted QoS, 128 (0x80) when refused. */
    public int subscribe(String filter, int qos) throws MqttException {
        try {
            IMqttToken token = client.subscribeWithResponse(filter, qos);
            return token.getGrantedQos()[0];
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                return 0x80;
            }
            throw e;
        }
    }

    public void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
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
                client.disconnect(1_000);
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
