package io.topicguard.broker.protocol;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.topicguard.broker.testing.AllowAllBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries cross event loops (a publisher's loop hands packets to the subscriber's, batched) and
 * a subscriber's own loop sends what waited for its Receive Maximum: whichever thread writes, each
 * publisher's messages reach a subscriber in the order they were published (MQTT 5.0 §4.6), and
 * at QoS 1 none is lost.
 */
class DeliveryOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PUBLISHERS = 3;
    private static final int MESSAGES = 300;

    @RegisterExtension
    static final AllowAllBroker BROKER = new AllowAllBroker(); // two event loops (TestBroker)

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1})
    void eachPublishersMessagesArriveInPublishOrder(int qos) throws Exception {
        MqttConnectionOptions options = V5Client.options();
        options.setReceiveMaximum(2); // QoS 1: most messages wait in the session and leave on the subscriber's loop
        List<RawMqttClient> publishers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
        try (V5Client sub = V5Client.connect(BROKER.port(), "order-sub-" + qos, options)) {
            assertThat(sub.subscribe("order/" + qos + "/#", 1)).isEqualTo(1);
            for (int p = 0; p < PUBLISHERS; p++) {
                // Connected one after another, so that they land on both event loops.
                RawMqttClient pub = RawMqttClient.connect(BROKER.port());
                pub.connectV3("order-pub-" + qos + "-" + p, true, 60);
                pub.next(MqttMessageType.CONNACK, WAIT);
                publishers.add(pub);
            }
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                RawMqttClient pub = publishers.get(p);
                String topic = "order/" + qos + "/" + p;
                // Raw packets, not acknowledged ones one at a time: bursts, as a busy device sends them.
                sent.add(threads.submit(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        pub.send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(i + 1)
                                .payload(Unpooled.copiedBuffer(Integer.toString(i), StandardCharsets.US_ASCII)).build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }

            Map<String, List<Integer>> byPublisher = new HashMap<>();
            for (int n = 0; n < PUBLISHERS * MESSAGES; n++) {
                Received r = sub.next(WAIT);
                byPublisher.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(Integer.parseInt(r.payload()));
            }
            List<Integer> all = IntStream.range(0, MESSAGES).boxed().toList();
            for (int p = 0; p < PUBLISHERS; p++) {
                assertThat(byPublisher.get("order/" + qos + "/" + p)).as("publisher %d", p).isEqualTo(all);
            }
        } finally {
            publishers.forEach(RawMqttClient::close);
            threads.shutdownNow();
        }
    }
}
