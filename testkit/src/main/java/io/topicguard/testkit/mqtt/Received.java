package io.topicguard.testkit.mqtt;

/** One message as a test client received it. */
public record Received(String topic, String payload, int qos, boolean retained, boolean duplicate, java.util.List<Integer> subscriptionIds) {

    public Received(String topic, String payload, int qos, boolean retained) {
        this(topic, payload, qos, retained, false, java.util.List.of());
    }
}
