package io.topicguard.jmh.load;

/**
 * One QoS 1 load run (persistent subscriber sessions) of the persistence step (issue 19).
 *
 * @param configuration {@code topicguard (memory)}, {@code topicguard (--data-dir)} or {@code mosquitto (persistence true)}
 * @param persistent    whether the broker kept a store
 * @param run           the run's figures, as {@link LoadGenerator} writes them
 */
public record PersistenceResult(String configuration, boolean persistent, LoadResult run) {
}
