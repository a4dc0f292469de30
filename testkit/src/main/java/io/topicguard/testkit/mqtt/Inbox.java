package io.topicguard.testkit.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The messages a test client received, in arrival order, filled by the client library's callback
 * thread. A queue so that a test can also poll it or assert it is empty directly; {@link #next}
 * and {@link #drain} are the waits tests use most.
 */
public final class Inbox extends LinkedBlockingQueue<Received> {

    /**
     * The next message, waiting up to {@code timeout} for it.
     *
     * @throws AssertionError when none arrives in time
     */
    public Received next(Duration timeout) throws InterruptedException {
        Received r = poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return r;
    }

    /** Everything received within {@code quiet} of the last message. */
    public List<Received> drain(Duration quiet) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        Received r;
        while ((r = poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            out.add(r);
        }
        return out;
    }
}
