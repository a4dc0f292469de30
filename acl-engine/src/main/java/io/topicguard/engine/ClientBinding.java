package io.topicguard.engine;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.engine.trie.CompiledRule;
import io.topicguard.engine.trie.Match;
import io.topicguard.engine.trie.OptionBits;
import io.topicguard.engine.trie.OverlapBounds;
import io.topicguard.engine.trie.PlaceholderValues;
import io.topicguard.engine.trie.TopicIndex;
import org.jspecify.annotations.Nullable;

/**
 * One client's view of one {@link Policy}: answers its questions with a few hash lookups per topic
 * level. Immutable and thread-safe. Re-bind after a policy reload.
 *
 * <pre>{@code
 * ClientBinding client = policy.bind(ClientInfo.builder("sensor-1").username("alice").build());
 * Decision d = client.publish("devices/sensor-1/up", 1, false);
 * if (!d.allowed()) log.info("denied: {} at {}", d.reason().word(), d.sourceLine());
 *
 * Subscription granted = Subscription.of("devices/+/up", 1);   // once, when the subscription is granted
 * Decision delivery = client.deliver("devices/sensor-2/up", granted);
 * }</pre>
 *
 * <p>No method throws for any topic, filter or QoS a client can send: bad input is
 * {@code deny (invalid)}.
 */
public final class ClientBinding {

    /** Nothing in the policy decided: the topic, filter or QoS is not valid MQTT (docs/semantics.md, Publish and Subscribe). */
    private static final Decision INVALID = new Decision(Verdict.DENY, Reason.INVALID, null, null);
    /** docs/semantics.md, Connect step 3: nothing denied the connection. */
    private static final Decision CONNECT_ALLOWED = new Decision(Verdict.ALLOW, Reason.DEFAULT, null, null);

    /** What a subscription to {@code #} is walked as (see {@link #subscribe}). */
    private static final String FIRST_LEVEL_THEN_HASH = "+/#";

    private final Policy policy;
    private final ClientInfo client;
    private final TopicIndex[] indexes;
    private final PlaceholderValues placeholders;
    private final GuardedStatement[] bans;
    private final @Nullable Decision superuser;
    /** The policy's rule decisions by ordinal, held here so a check reaches them in one step. */
    private final Decision[] ruleDecisions;
    /** The client's carried rules where the policy's {@code client rules} statement puts them; usually null. */
    private final @Nullable BoundClientRules clientRules;

    ClientBinding(Policy policy, ClientInfo client, TopicIndex[] indexes, PlaceholderValues placeholders,
                  GuardedStatement[] bans, @Nullable Decision superuser) {
        this.policy = policy;
        this.client = client;
        this.indexes = indexes;
        this.placeholders = placeholders;
        this.bans = bans;
        this.superuser = superuser;
        this.ruleDecisions = policy.ruleDecisions();
        this.clientRules = null;
    }

    /** {@code plain} with carried rules: the same policy, client and who-groups. */
    ClientBinding(ClientBinding plain, BoundClientRules clientRules) {
        this.policy = plain.policy;
        this.client = plain.client;
        this.indexes = plain.indexes;
        this.placeholders = plain.placeholders;
        this.bans = plain.bans;
        this.superuser = plain.superuser;
        this.ruleDecisions = plain.ruleDecisions;
        this.clientRules = clientRules;
    }

    /**
     * docs/semantics.md, Connect: an active ban (compared with the policy's clock now) denies; then a client
     * without username is denied unless the policy says {@code anonymous allow}; otherwise allow,
     * with reason {@code superuser}, {@code anonymous} (allowed by {@code anonymous allow}) or
     * {@code default}.
     */
    public Decision connect() {
        if (bans.length > 0) {
            java.time.Instant now = policy.clock().instant();
            for (GuardedStatement ban : bans) {
                if (ban.activeAt(now)) {
                    return ban.decision();
                }
            }
        }
        if (client.anonymous() && !policy.anonymousDecision().allowed()) {
            return policy.anonymousDecision();
        }
        if (superuser != null) {
            return superuser;
        }
        return client.anonymous() ? policy.anonymousDecision() : CONNECT_ALLOWED;
    }

    /** docs/semantics.md, Publish. An invalid topic name or QoS is {@code deny (invalid)}, never an exception. */
    public Decision publish(String topic, int qos, boolean retain) {
        if (!validQos(qos) || topic == null || topic.isEmpty()) {
            return INVALID; // even for superusers
        }
        if (superuser != null) {
            return TopicSyntax.validName(topic) ? superuser : INVALID;
        }
        return firstMatch(topic, topic, OptionBits.publish(qos, retain));
    }

    /**
     * docs/semantics.md, Subscribe: classifies a subscription as ALLOW, DENY or PARTIAL. {@code $share/GROUP/F}
     * is checked as F. A PARTIAL decision names the rule (or default) that contains the filter.
     */
    public Decision subscribe(String filter, int qos) {
        String effective = SharedSubscription.effectiveFilter(filter);
        if (!validQos(qos) || effective == null) {
            return INVALID; // even for superusers
        }
        if (superuser != null) {
            return superuser;
        }
        // "#" matches exactly the topics "+/#" matches (every topic has a first level), so a rule
        // "+/#" contains it; walking it as "+/#" finds that (and changes nothing else: the
        // overlaps of the two are the same). eq topics still compare with the filter as sent.
        String walked = effective.equals("#") ? FIRST_LEVEL_THEN_HASH : effective;
        int bit = OptionBits.subscribe(qos);
        CompiledRule containing = null;
        for (TopicIndex index : indexes) {
            containing = index.firstContaining(walked, effective, bit, placeholders, containing);
        }
        int bound = containing == null ? Integer.MAX_VALUE : containing.ordinal();
        long seen = OverlapBounds.of(bound);
        for (TopicIndex index : indexes) {
            seen = index.overlapping(walked, effective, bit, placeholders, seen);
        }
        boolean seenAllow = OverlapBounds.allow(seen) < bound;
        boolean seenDeny = OverlapBounds.deny(seen) < bound;
        Decision decider = containing == null ? policy.defaultDecision() : containing.decision();
        if (clientRules != null && clientRules.before(bound)) {
            return clientRules.subscribe(walked, effective, bit, placeholders, decider, bound, seen);
        }
        boolean partial = decider.allowed() ? seenDeny : seenAllow;
        if (!partial) {
            return decider;
        }
        return containing == null ? policy.partialDefaultDecision() : containing.partialDecision();
    }

    /**
     * docs/semantics.md, Deliver: may a message on {@code topic} be delivered through {@code subscription}
     * (its filter as subscribed, {@code $share/} prefix included, and its granted QoS)? Decided
     * like a publish with action {@code subscribe}, without retain options, and with
     * {@code eq "X"} rules matching when X is the subscription's filter. Whether the filter
     * matches {@code topic} is the caller's business (a broker asks only for matching topics).
     */
    public Decision deliver(String topic, Subscription subscription) {
        String effective = SharedSubscription.effectiveFilter(subscription.filter());
        int qos = subscription.qos();
        if (!validQos(qos) || effective == null || topic == null || topic.isEmpty()) {
            return INVALID;
        }
        if (superuser != null) {
            return TopicSyntax.validName(topic) ? superuser : INVALID;
        }
        return firstMatch(topic, effective, OptionBits.subscribe(qos));
    }

    /**
     * The first rule matching the (non-empty) {@code topic} across the client's who-groups, or
     * {@code deny (invalid)} when the topic is not a valid topic name. The walks check the levels
     * they read ({@link Match}), so only the levels none of them read are checked here: a topic is
     * read once, not once to validate and again to match.
     */
    private Decision firstMatch(String topic, String eqKey, int bit) {
        int first = Match.NO_RULE;
        int checkedTo = 0;
        long firstCharacter = TopicIndex.firstCharacterBit(topic);
        int eqLength = TopicIndex.eqLengthBit(eqKey);
        for (TopicIndex index : indexes) {
            if (index.mayMatch(firstCharacter, eqLength)) {
                long match = index.firstMatch(topic, eqKey, bit, placeholders, first);
                first = Match.rule(match);
                checkedTo = Math.max(checkedTo, Match.checkedTo(match));
            }
        }
        if (!TopicSyntax.validNameFrom(topic, checkedTo)) {
            return INVALID;
        }
        if (clientRules != null && clientRules.before(first)) {
            Decision carried = clientRules.firstMatch(topic, eqKey, bit, placeholders);
            if (carried != null) {
                return carried;
            }
        }
        return first == Match.NO_RULE ? policy.defaultDecision() : ruleDecisions[first];
    }

    private static boolean validQos(int qos) {
        return qos >= 0 && qos <= 2;
    }

    /** Whether a {@code superuser} statement matched this client. */
    public boolean superuser() {
        return superuser != null;
    }

    public ClientInfo client() {
        return client;
    }

    public Policy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return "ClientBinding[" + client + ", " + indexes.length + " who-groups" + (superuser() ? ", superuser" : "")
                + (clientRules != null ? ", client rules" : "") + "]";
    }
}
