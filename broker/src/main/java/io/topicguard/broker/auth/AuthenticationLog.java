package io.topicguard.broker.auth;

import io.topicguard.auth.chain.ChainResult;
import io.topicguard.auth.log.LogText;
import io.topicguard.engine.ClientInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line per CONNECT the authentication chain refused, on the denial logger
 * ({@value DenialLog#LOGGER_NAME}), with every step of the chain and its answer, so "why was my
 * client refused?" is answered by one grep:
 * <pre>
 * deny action=connect clientid="c1" username="alice" address=10.0.0.7 listener=tcp decision=deny reason=authentication
 *     outcome=denied chain="password-file: ignore (unknown user) → jwt: deny (expired 2026-12-01T10:00:00Z)"
 * </pre>
 * (one line). Every value a client chooses is escaped as in {@link DenialLog} and capped at
 * {@value #MAX_VALUE_CHARS} characters ({@code …(+N bytes)} says how much was cut), so a client
 * cannot make one refused CONNECT cost more log than a few hundred bytes. Every refusal goes
 * through {@link #refused}: the one place to rate-limit.
 */
public final class AuthenticationLog {

    /** The chain's trace quotes causes that may contain client-chosen values: capped as a whole. */
    static final int MAX_TRACE_CHARS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DenialLog.LOGGER_NAME);

    private AuthenticationLog() {
    }

    /**
     * A CONNECT refused after the policy's ban and anonymous checks passed.
     *
     * @param outcome why, in one word: {@code denied} (an authenticator denied), {@code unknown}
     *                (every authenticator ignored a client with a username), {@code busy} (the
     *                chain's queue or the client's attempt budget was full), {@code rules} (its
     *                carried rules could not be used)
     * @param detail  what the log adds to the chain's trace (a carried rule's problem), or null
     */
    public static void refused(ClientInfo client, String outcome, ChainResult chain, String detail) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(client, outcome, chain, detail));
        }
    }

    static String line(ClientInfo client, String outcome, ChainResult chain, String detail) {
        StringBuilder out = new StringBuilder(256);
        out.append("deny action=connect clientid=").append(LogText.quote(client.clientId()));
        out.append(" username=").append(client.username() == null ? "-" : LogText.quote(client.username()));
        out.append(" address=").append(client.address() == null ? "-" : client.address().getHostAddress());
        out.append(" listener=").append(client.listener() == null ? "-" : client.listener());
        out.append(" decision=deny reason=authentication outcome=").append(outcome);
        out.append(" chain=").append(LogText.quote(chain.trace(), MAX_TRACE_CHARS));
        if (detail != null) {
            out.append(" detail=").append(LogText.quote(detail, MAX_TRACE_CHARS));
        }
        return out.toString();
    }
}
