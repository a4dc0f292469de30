package io.topicguard.broker.server;

import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import javax.net.ssl.SSLContext;

/** MQTT 5 clients over the broker's TLS listener, for the tests of this package. */
final class TlsClients {

    private TlsClients() {
    }

    /** Connects over TLS as {@code username} (null: none), subscribes to {@code filter} and returns the SUBACK code. */
    static int subscribe(int port, SSLContext tls, String clientId, String username, String filter) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("ssl://127.0.0.1:" + port, clientId, new MemoryPersistence());
        try {
            MqttConnectionOptions o = V5Client.login(username, null);
            o.setSocketFactory(tls.getSocketFactory());
            client.connect(o).waitForCompletion(10_000);
            var token = client.subscribe(new MqttSubscription(filter, 1));
            token.waitForCompletion(5_000);
            return token.getReasonCodes()[0];
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            client.close(true);
        }
    }
}
