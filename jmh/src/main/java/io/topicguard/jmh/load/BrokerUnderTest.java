package io.topicguard.jmh.load;

import java.time.Duration;
import java.util.Optional;

/** A broker the load generator started, listening on a loopback port; closing it stops it. */
interface BrokerUnderTest extends AutoCloseable {

    /** {@code topicguard} or {@code mosquitto}. */
    String name();

    int port();

    /** The CPU time the broker has used so far, where it runs in a process of its own. */
    default Optional<Duration> cpuTime() {
        return Optional.empty();
    }

    /** Stops the broker and waits for it to exit; never throws. */
    @Override
    void close();
}
