package io.topicguard.auth.rules;

import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Set;

/**
 * One rule carried by a client's authentication (a JWT's {@code acl} claim or an HTTP
 * authentication response's {@code acl} field), as checked by {@link CarriedRules#parse}.
 *
 * <p>{@code topic} is an MQTT filter that may hold {@code ${username}}, {@code ${clientid}} and
 * {@code ${cn}} (EMQX's {@code ${cert_common_name}} is written {@code ${cn}} here), or, when
 * {@code exact}, a topic compared verbatim (EMQX's {@code "eq t/1"}). {@code qos} is the QoS
 * levels the rule covers (all three when the rule did not say); {@code retain} is null when the
 * rule covers retained and non-retained publishes alike.
 */
public record CarriedRule(Permission permission, Action action, String topic, boolean exact, Set<Integer> qos,
                          @Nullable Boolean retain) {

    public enum Permission { ALLOW, DENY }

    public enum Action { PUBLISH, SUBSCRIBE, ALL }

    public static final Set<Integer> ALL_QOS = Set.of(0, 1, 2);

    public CarriedRule {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(topic, "topic");
        qos = Set.copyOf(qos);
    }

    /** The rule as EMQX would write it, for logs and explanations. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(permission.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(action.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(exact ? "eq " : "").append(topic);
        if (!qos.equals(ALL_QOS)) {
            out.append(" qos ").append(new java.util.TreeSet<>(qos));
        }
        if (retain != null) {
            out.append(" retain ").append(retain);
        }
        return out.toString();
    }
}
