package io.topicguard.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code is_superuser} value the way EMQX 5 does, so an existing service or token issuer
 * works unchanged: {@code true}, {@code "true"}, {@code "1"} and numbers from 1 up mean yes;
 * {@code false}, {@code "false"}, {@code "0"}, {@code ""}, {@code 0} and null mean no.
 */
public final class SuperuserFlag {

    private SuperuserFlag() {
    }

    /** The flag, false when absent, or null when the value means neither yes nor no. */
    public static @Nullable Boolean read(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue() >= 1 ? Boolean.TRUE : value.longValue() == 0 ? Boolean.FALSE : null;
        }
        if (value.isTextual()) {
            return switch (value.textValue()) {
                case "true", "1" -> true;
                case "false", "0", "" -> false;
                default -> null;
            };
        }
        return null;
    }
}
