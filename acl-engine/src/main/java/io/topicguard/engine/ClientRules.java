package io.topicguard.engine;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.check.TopicChecks;
import io.topicguard.engine.trie.CompiledRule;
import io.topicguard.engine.trie.LevelInterner;
import io.topicguard.engine.trie.OptionBits;
import io.topicguard.engine.trie.TopicIndex;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules one client's authentication carried, checked and compiled once at CONNECT into the
 * same kind of topic trie the policy's rules use, so they match topics, render placeholders and
 * classify subscriptions exactly as policy rules do (docs/semantics.md, Client rules). Immutable
 * and thread-safe; independent of any policy, so a reload re-binds the client with the same set.
 *
 * <pre>{@code
 * ClientRules carried = ClientRules.of("jwt", List.of(
 *         ClientRule.of(ClientRule.Permission.ALLOW, ClientRule.Action.PUBLISH, "devices/${clientid}/#")));
 * ClientBinding client = policy.bind(info, carried);   // evaluated where the policy says 'client rules'
 * }</pre>
 */
public final class ClientRules {

    /** No carried rules: what {@link Policy#bind(ClientInfo)} binds with. */
    public static final ClientRules NONE = new ClientRules("none", List.of(), null);

    /** Carried topics deeper than this are refused, as policy topics are (the tries are walked one frame per level). */
    private static final int MAX_LEVELS = PolicyLimits.MAX_RULE_LEVELS;

    private final String source;
    private final List<ClientRule> rules;
    /** The rules' topics by ordinal (place in the list); null when there are none. */
    private final @Nullable TopicIndex index;

    private ClientRules(String source, List<ClientRule> rules, @Nullable TopicIndex index) {
        this.source = source;
        this.rules = rules;
        this.index = index;
    }

    /**
     * Checks and compiles {@code rules}, in the order they are evaluated.
     *
     * @param source the name of the authenticator that carried them ({@code jwt}, {@code http}),
     *               shown in explanations as {@code client rule #2 (jwt)}
     * @throws ClientRulesException naming the first rule that cannot be used and why; no set is
     *                              built then (never a half-applied set)
     */
    public static ClientRules of(String source, List<ClientRule> rules) throws ClientRulesException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rules, "rules");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must name the authenticator, e.g. \"jwt\"");
        }
        List<ClientRule> copy = List.copyOf(rules);
        if (copy.isEmpty()) {
            return new ClientRules(source, copy, null);
        }
        TopicIndex.Builder topics = new TopicIndex.Builder(new LevelInterner());
        SourcePosition nowhere = new SourcePosition(source, 1, 1);
        for (int ordinal = 0; ordinal < copy.size(); ordinal++) {
            ClientRule rule = copy.get(ordinal);
            String problem = problem(rule);
            if (problem != null) {
                throw new ClientRulesException(name(ordinal, source) + ": " + problem);
            }
            boolean allow = rule.permission() == ClientRule.Permission.ALLOW;
            // Bound decisions (with the policy's 'client rules' position) are made per binding;
            // this one only fills the trie's slot.
            Decision unbound = new Decision(allow ? Verdict.ALLOW : Verdict.DENY, Reason.RULE, null,
                    text(ordinal, source, rule));
            CompiledRule compiled = new CompiledRule(ordinal, allow, mask(rule), unbound);
            topics.add(rule.exact() ? new Topic.Exact(rule.topic(), nowhere) : new Topic.Filter(rule.topic(), nowhere), compiled);
        }
        return new ClientRules(source, copy, topics.build());
    }

    /** What makes {@code rule} unusable, or null: the checks a policy rule's topic and options pass. */
    private static @Nullable String problem(ClientRule rule) {
        for (int level : rule.qos()) {
            if (level < 0 || level > 2) {
                return "qos must hold only 0, 1 and 2, found " + rule.qos();
            }
        }
        if (rule.qos().isEmpty()) {
            return "qos is empty, so the rule could never apply";
        }
        List<Problem> problems = rule.exact() ? TopicChecks.exactProblems(rule.topic()) : TopicChecks.filterProblems(rule.topic());
        if (!problems.isEmpty()) {
            return "topic " + (rule.exact() ? "eq " : "") + "\"" + rule.topic() + "\": " + problems.get(0).message();
        }
        if (!rule.exact() && rule.topic().split("/", -1).length > MAX_LEVELS) {
            return "topic has more than " + MAX_LEVELS + " levels";
        }
        return null;
    }

    private static int mask(ClientRule rule) {
        Set<Action> actions = switch (rule.action()) {
            case PUBLISH -> Set.of(Action.PUBLISH);
            case SUBSCRIBE -> Set.of(Action.SUBSCRIBE);
            case ALL -> Set.of(Action.PUBLISH, Action.SUBSCRIBE);
        };
        Retain retain = rule.retain() == null ? Retain.ANY : rule.retain() ? Retain.TRUE : Retain.FALSE;
        return OptionBits.mask(actions, Qos.of(rule.qos().stream().mapToInt(Integer::intValue).toArray()), retain);
    }

    /** {@code client rule #2 (jwt)}: rules are numbered from 1, as the issuer counts them. */
    static String name(int ordinal, String source) {
        return "client rule #" + (ordinal + 1) + " (" + source + ")";
    }

    /** What an explanation quotes: {@code client rule #2 (jwt): allow publish t/1}. */
    private static String text(int ordinal, String source, ClientRule rule) {
        return name(ordinal, source) + ": " + rule;
    }

    /** The authenticator that carried the rules ({@code none} for {@link #NONE}). */
    public String source() {
        return source;
    }

    public List<ClientRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The compiled topics; only called when not {@link #isEmpty()}. */
    TopicIndex index() {
        return Objects.requireNonNull(index);
    }

    @Override
    public String toString() {
        return "ClientRules[" + rules.size() + " from " + source + "]";
    }
}
