package io.topicguard.broker.metrics;

import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a summary of the metrics on {@code $SYS/topicguard/...} every interval, as retained
 * QoS 0 messages whose payload is the decimal value. They go through the router like any message,
 * so only subscribers whose subscription the policy allowed receive them: a {@code +/#} or
 * {@code #} subscription never matches a {@code $} topic (MQTT-4.7.2-1), and a partial
 * subscription is checked per delivery (docs/semantics.md, Subscribe). Topics:
 *
 * <pre>
 * $SYS/topicguard/clients/connected
 * $SYS/topicguard/subscriptions/{allow,partial}
 * $SYS/topicguard/decisions/{connect,publish,deliver}/{allow,deny}
 * $SYS/topicguard/decisions/subscribe/{allow,deny,partial}
 * $SYS/topicguard/authentications/{ok,bad_password,unknown_user,busy,banned,anonymous_refused}
 * $SYS/topicguard/reloads/{success,failure}
 * $SYS/topicguard/limits/{queued_messages,queued_bytes,retained_messages,...}: times a client reached each limit
 * $SYS/topicguard/queue/dropped/{queue_messages_full,queue_bytes_full}: queued messages dropped, by reason
 * </pre>
 */
public final class SysTopicPublisher implements AutoCloseable {

    /** Every topic starts with this. */
    public static final String PREFIX = "$SYS/topicguard/";

    private static final Logger LOG = LoggerFactory.getLogger(SysTopicPublisher.class);

    private final BrokerMetrics metrics;
    private final Broker broker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topicguard-sys-topics");
        t.setDaemon(true);
        return t;
    });

    private SysTopicPublisher(BrokerMetrics metrics, Broker broker) {
        this.metrics = metrics;
        this.broker = broker;
    }

    /** Starts publishing every {@code interval} (the first summary at once). */
    public static SysTopicPublisher start(BrokerMetrics metrics, Broker broker, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the $SYS interval must be positive, got " + interval);
        }
        SysTopicPublisher p = new SysTopicPublisher(metrics, broker);
        p.timer.scheduleWithFixedDelay(p::publishNow, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    /** The topics and values of one summary, in publishing order. */
    public Map<String, Long> summary() {
        Map<String, Long> out = new LinkedHashMap<>();
        BrokerStatus status = broker.status();
        out.put(PREFIX + "clients/connected", status.connectedClients());
        BrokerGauges.subscriptionsByClassification(status)
                .forEach((labels, v) -> out.put(PREFIX + "subscriptions/" + labels.get(0), v.longValue()));
        Map<String, Long> byActionAndVerdict = new LinkedHashMap<>();
        for (String action : List.of("connect", "publish", "subscribe", "deliver")) {
            byActionAndVerdict.put(action + "/allow", 0L);
            byActionAndVerdict.put(action + "/deny", 0L);
            if (action.equals("subscribe")) {
                byActionAndVerdict.put(action + "/partial", 0L); // PARTIAL answers only subscribe (docs/semantics.md, Subscribe)
            }
        }
        metrics.decisions().snapshot().forEach((labels, n) ->
                byActionAndVerdict.merge(labels.get(0) + "/" + labels.get(1), n, Long::sum));
        byActionAndVerdict.forEach((k, v) -> out.put(PREFIX + "decisions/" + k, v));
        for (String outcome : List.of("ok", "bad_password", "unknown_user", "busy", "banned", "anonymous_refused")) {
            out.put(PREFIX + "authentications/" + outcome, metrics.authentications().count(outcome));
        }
        out.put(PREFIX + "reloads/success", metrics.reloads().count("success"));
        out.put(PREFIX + "reloads/failure", metrics.reloads().count("failure"));
        broker.limitEvents().reachedByLimit().forEach((limit, n) -> out.put(PREFIX + "limits/" + limit, n));
        broker.limitEvents().droppedByReason().forEach((reason, n) -> out.put(PREFIX + "queue/dropped/" + reason, n));
        return out;
    }

    /** Publishes one summary now. */
    public void publishNow() {
        try {
            // The broker ignores it once it is closing.
            summary().forEach((topic, value) -> broker.publish(topic, Long.toString(value).getBytes(StandardCharsets.US_ASCII), 0, true));
        } catch (RuntimeException e) {
            // A failing summary must not stop the timer (a scheduled task that throws is never run again).
            LOG.warn("could not publish the $SYS summary: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
