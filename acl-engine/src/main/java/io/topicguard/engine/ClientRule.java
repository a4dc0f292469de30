package io.topicguard.engine;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rule carried by a client's authentication (a JWT's {@code acl} claim, an HTTP
 * authentication answer's {@code acl} field), in the shape of EMQX 5's {@code acl} entries
 * (docs/semantics.md, Client rules). A plain value: {@link ClientRules#of} checks a list of them.
 *
 * <p>{@code topic} is an MQTT filter that may hold {@code ${username}}, {@code ${clientid}} and
 * {@code ${cn}}, or, when {@code exact}, a topic compared verbatim (EMQX's {@code "eq t/1"}, the
 * policy's {@code eq "t/1"}). {@code qos} is the QoS levels the rule covers ({@link #ALL_QOS} when
 * the rule does not say); {@code retain} is null when the rule covers retained and non-retained
 * publishes alike (it never constrains a subscription, as in a policy rule).
 */
public record ClientRule(Permission permission, Action action, String topic, boolean exact, Set<Integer> qos,
                         @Nullable Boolean retain) {

    public enum Permission { ALLOW, DENY }

    public enum Action { PUBLISH, SUBSCRIBE, ALL }

    public static final Set<Integer> ALL_QOS = Set.of(0, 1, 2);

    public ClientRule {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(topic, "topic");
        qos = Set.copyOf(qos);
    }

    /** {@code allow}/{@code deny} {@code action} {@code topic} for every QoS, retained or not. */
    public static ClientRule of(Permission permission, Action action, String topic) {
        boolean exact = topic.startsWith("eq ");
        return new ClientRule(permission, action, exact ? topic.substring(3) : topic, exact, ALL_QOS, null);
    }

    /** The rule as EMQX writes it, for logs and explanations: {@code allow publish eq t/1 qos [1] retain false}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(permission.name().toLowerCase(Locale.ROOT)).append(' ')
                .append(action.name().toLowerCase(Locale.ROOT)).append(' ')
                .append(exact ? "eq " : "").append(topic);
        if (!qos.equals(ALL_QOS)) {
            out.append(" qos ").append(new TreeSet<>(qos));
        }
        if (retain != null) {
            out.append(" retain ").append(retain);
        }
        return out.toString();
    }
}
