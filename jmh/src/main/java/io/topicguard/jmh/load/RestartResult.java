package io.topicguard.jmh.load;

/**
 * A broker restarted on a populated store (issue 19): {@code retained} retained messages and
 * {@code sessions} offline persistent sessions holding {@code queuedPerSession} QoS 1 messages each.
 *
 * @param populateSeconds how long populating took (through MQTT, every QoS 1 PUBLISH acknowledged)
 * @param stopSeconds     SIGTERM until the process exited (mosquitto writes its store then)
 * @param restartSeconds  process start until a client's CONNACK arrived and a retained message was delivered
 * @param storeBytes      the store's size on disk after the stop
 * @param note            what went wrong, or null
 */
public record RestartResult(String broker, int retained, int sessions, int queuedPerSession, double populateSeconds,
                            double stopSeconds, double restartSeconds, long storeBytes, String note) {
}
