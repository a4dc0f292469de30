package io.topicguard.auth.chain;

import io.topicguard.engine.ClientRule;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one authenticator says about a CONNECT: {@link Allow} (with attributes), {@link Deny}
 * (this source knows the client and refuses it) or {@link Ignore} (this source knows nothing of
 * the client, or could not be asked). A cause is for the log, never for the client.
 */
public sealed interface Answer {

    /** {@code allow}, {@code deny} or {@code ignore}. */
    String label();

    /** The trace's form: {@code allow}, {@code deny (wrong password)}, {@code ignore (unknown user)}. */
    String describe();

    /** Allowed without attributes. */
    static Allow allow() {
        return new Allow(false, List.of(), null);
    }

    static Deny deny(String cause) {
        return new Deny(cause);
    }

    static Ignore ignore(String cause) {
        return new Ignore(cause);
    }

    /**
     * Allowed. {@code superuser} bypasses the policy's rules; {@code rules} are the rules the
     * source carried (empty when none); {@code expiresAt} is when the credentials stop holding
     * (a token's {@code exp} plus the leeway), null when they do not expire.
     */
    record Allow(boolean superuser, List<ClientRule> rules, @Nullable Instant expiresAt) implements Answer {
        public Allow {
            rules = List.copyOf(rules);
        }

        @Override
        public String label() {
            return "allow";
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder("allow");
            String sep = " (";
            if (superuser) {
                out.append(sep).append("superuser");
                sep = ", ";
            }
            if (!rules.isEmpty()) {
                out.append(sep).append(rules.size()).append(rules.size() == 1 ? " rule" : " rules");
                sep = ", ";
            }
            if (expiresAt != null) {
                out.append(sep).append("until ").append(expiresAt);
                sep = ", ";
            }
            return sep.equals(" (") ? out.toString() : out.append(')').toString();
        }
    }

    record Deny(String cause) implements Answer {
        public Deny {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String label() {
            return "deny";
        }

        @Override
        public String describe() {
            return "deny (" + cause + ")";
        }
    }

    record Ignore(String cause) implements Answer {
        public Ignore {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String label() {
            return "ignore";
        }

        @Override
        public String describe() {
            return "ignore (" + cause + ")";
        }
    }
}
