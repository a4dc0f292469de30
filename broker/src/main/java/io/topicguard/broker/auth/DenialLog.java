package io.topicguard.broker.auth;

import io.topicguard.auth.log.LogText;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line per denial of docs/semantics.md, In the broker, on the logger {@code io.topicguard.broker.denials},
 * so "why can't my device publish?" is answered by one grep:
 * <pre>
 * deny action=publish topic="a/b" clientid="c1" username="alice" address=10.0.0.7 listener=tcp decision=deny reason=rule source=policy.acl:12
 * </pre>
 * Values a client chooses (topic, clientid, username) are quoted with {@code "} and {@code \}
 * escaped and control characters written as {@code \}{@code uXXXX}, so a hostile client id cannot
 * forge a second log line, and capped ({@link LogText}). An absent value is written {@code -}.
 */
public final class DenialLog {

    /** The logger name operators filter on. */
    public static final String LOGGER_NAME = "io.topicguard.broker.denials";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private DenialLog() {
    }

    /** A policy denial: connect, publish, subscribe or will. */
    public static void denied(ClientInfo client, String action, String topic, Decision decision) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(client, action, topic, decision.verdict().word(), decision.reason().word(), decision.sourceLine()));
        }
    }

    /** A refused password: same shape, {@code reason=password}, no policy line decided it. */
    public static void badCredentials(ClientInfo client) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(client, "connect", null, "deny", "password", "-"));
        }
    }

    /**
     * A delivery withheld by a {@code partial filter} subscription: expected behaviour of that
     * subscription, happening per message, so DEBUG only.
     */
    public static void filtered(ClientInfo client, String filter, String topic, Decision decision) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(line(client, "deliver", topic, decision.verdict().word(), decision.reason().word(), decision.sourceLine())
                    + " filter=" + quote(filter));
        }
    }

    static String line(ClientInfo client, String action, String topic, String verdict, String reason, String source) {
        StringBuilder out = new StringBuilder(160);
        out.append("deny action=").append(action);
        if (topic != null) {
            out.append(" topic=").append(quote(topic));
        }
        out.append(" clientid=").append(quote(client.clientId()));
        out.append(" username=").append(client.username() == null ? "-" : quote(client.username()));
        out.append(" address=").append(client.address() == null ? "-" : client.address().getHostAddress());
        out.append(" listener=").append(client.listener() == null ? "-" : client.listener());
        out.append(" decision=").append(verdict);
        out.append(" reason=").append(reason);
        out.append(" source=").append(source);
        return out.toString();
    }

    static String quote(String value) {
        return LogText.quote(value);
    }
}
