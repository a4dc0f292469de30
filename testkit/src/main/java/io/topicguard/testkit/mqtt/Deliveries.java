package io.topicguard.testkit.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading "everything that was delivered" without waiting for silence: after the messages under
 * test, the test publishes one more whose payload is {@value #SENTINEL} on a topic the subscriber
 * reads. A broker keeps a subscription's messages in order, so once the sentinel arrives every
 * earlier message that will ever arrive has: {@link #untilSentinel} returns them.
 *
 * <pre>{@code
 * writer.publish("public/zz-end", Deliveries.SENTINEL, 1, false);
 * assertThat(Deliveries.topics(Deliveries.untilSentinel(reader.received, WAIT))).isEqualTo(expected);
 * }</pre>
 * Needs only the Paho clients' inbox, nothing of Netty, so any module's tests can use it.
 */
public final class Deliveries {

    /** The payload of the message that ends a test's deliveries. */
    public static final String SENTINEL = "sentinel";

    private Deliveries() {
    }

    /**
     * Everything {@code inbox} received before the message whose payload is {@value #SENTINEL},
     * waiting up to {@code wait} for each.
     *
     * @throws AssertionError when a message, the sentinel included, does not arrive in time
     */
    public static List<Received> untilSentinel(Inbox inbox, Duration wait) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        for (Received r = inbox.next(wait); !r.payload().equals(SENTINEL); r = inbox.next(wait)) {
            out.add(r);
        }
        return out;
    }

    /**
     * The topics of {@code received}, sorted.
     *
     * @throws AssertionError when a topic was delivered more than once
     */
    public static Set<String> topics(List<Received> received) {
        Set<String> out = new TreeSet<>();
        for (Received r : received) {
            if (!out.add(r.topic())) {
                throw new AssertionError("delivered more than once: " + r.topic());
            }
        }
        return out;
    }
}
