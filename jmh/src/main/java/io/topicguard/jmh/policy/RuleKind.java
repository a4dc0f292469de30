package io.topicguard.jmh.policy;

/**
 * The shapes of rule a realistic fleet policy is made of, and how each translates to the
 * baseline formats (see {@link MoquetteAclFormat} and {@link MosquittoAclFormat}).
 */
public enum RuleKind {
    /** {@code allow username "user-7" to publish, subscribe "fleet/user-7/+/telemetry"}: the bulk. */
    USER,
    /** {@code allow clientid "dev-7" to publish, subscribe "site/dev-7/#"}: no per-client section in the baselines. */
    CLIENT,
    /** {@code allow all to publish, subscribe "devices/${clientid}/#"}: a %c/%u pattern in the baselines. */
    PLACEHOLDER,
    /** {@code allow all to subscribe "broadcast/r7/#"}: a shared wildcard rule every client reaches. */
    SHARED,
    /** {@code allow username ~ "^ops-7-" to subscribe "ops/7/+/alerts"}: no regular expressions in the baselines. */
    REGEX,
    /** {@code allow ip "10.0.7.0/24" to publish "plant/0/7/+/status"}: no addresses in the baselines. */
    CIDR,
    /** {@code deny username "user-7" to publish "fleet/user-7/+/blocked"}: mosquitto only ({@code topic deny}). */
    DENY,
    /** {@code deny all to subscribe eq "#"}: no firehose subscriptions; neither baseline can say "exactly {@code #}". */
    FIREHOSE_DENY
}
