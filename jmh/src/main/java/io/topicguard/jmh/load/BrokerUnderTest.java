package io.topicguard.jmh.load;

/** A broker the load generator started, listening on a loopback port; closing it stops it. */
interface BrokerUnderTest extends AutoCloseable {

    /** {@code topicguard} or {@code mosquitto}. */
    String name();

    int port();

    /** Stops the broker and waits for it to exit; never throws. */
    @Override
    void close();
}
