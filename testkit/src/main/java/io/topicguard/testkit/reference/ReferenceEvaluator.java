package io.topicguard.testkit.reference;

import com.google.re2j.Pattern;
import io.topicguard.dsl.TopicSyntax;
import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.ClientRulesStatement;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRule;
import io.topicguard.engine.ClientRules;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Source;
import io.topicguard.engine.Verdict;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * docs/semantics.md as a linear scan over the statements, re-evaluating everything on every question.
 * The oracle the compiled tries are tested against (and a baseline for the benchmarks): it shares
 * no matching code with {@code io.topicguard.engine}, only the AST, {@link TopicSyntax} and RE2/J.
 */
public final class ReferenceEvaluator {

    /** Compiling a regex per question would make the oracle too slow to run tens of thousands of checks. */
    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private final PolicyAst ast;
    private final Clock clock;

    public ReferenceEvaluator(PolicyAst ast, Clock clock) {
        this.ast = ast;
        this.clock = clock;
    }

    // ---- connect (docs/semantics.md) ---------------------------------------------------------

    public Decision connect(ClientInfo client) {
        for (Statement s : ast.statements()) {
            if (s instanceof BanStatement ban && ban.activeAt(clock.instant()) && who(ban.who(), client)) {
                return decision(Verdict.DENY, Reason.BANNED, s);
            }
        }
        Optional<SettingStatement> anonymous = ast.setting(Setting.Kind.ANONYMOUS);
        boolean anonymousAllowed = ast.settingOrDefault(Setting.Kind.ANONYMOUS) == Setting.ANONYMOUS_ALLOW;
        if (client.username() == null && !anonymousAllowed) {
            return decision(Verdict.DENY, Reason.ANONYMOUS, anonymous.orElse(null));
        }
        SuperuserStatement superuser = superuser(client);
        if (superuser != null) {
            return decision(Verdict.ALLOW, Reason.SUPERUSER, superuser);
        }
        if (client.username() == null) {
            return decision(Verdict.ALLOW, Reason.ANONYMOUS, anonymous.orElse(null));
        }
        return decision(Verdict.ALLOW, Reason.DEFAULT, null);
    }

    // ---- publish -----------------------------------------------------------------------------

    public Decision publish(ClientInfo client, String topic, int qos, boolean retain) {
        return publish(client, ClientRules.NONE, topic, qos, retain);
    }

    /** A publish by a client whose authentication carried {@code carried} (docs/semantics.md, Client rules). */
    public Decision publish(ClientInfo client, ClientRules carried, String topic, int qos, boolean retain) {
        if (qos < 0 || qos > 2 || TopicSyntax.nameProblem(topic) != null) {
            return decision(Verdict.DENY, Reason.INVALID, null);
        }
        SuperuserStatement superuser = superuser(client);
        if (superuser != null) {
            return decision(Verdict.ALLOW, Reason.SUPERUSER, superuser);
        }
        for (RuleStatement rule : rules(carried)) {
            if (who(rule.who(), client) && rule.actions().contains(Action.PUBLISH)
                    && rule.qos().allows(qos) && rule.retain().allows(retain)) {
                for (Topic t : rule.topics()) {
                    if (topicMatches(t, client, topic, topic)) {
                        return ruleDecision(rule);
                    }
                }
            }
        }
        return defaultDecision(null);
    }

    // ---- subscribe and deliver -------------------------------------------------------------

    public Decision subscribe(ClientInfo client, String filter, int qos) {
        return subscribe(client, ClientRules.NONE, filter, qos);
    }

    public Decision subscribe(ClientInfo client, ClientRules carried, String filter, int qos) {
        String s = withoutShare(filter);
        if (qos < 0 || qos > 2 || s == null) {
            return decision(Verdict.DENY, Reason.INVALID, null);
        }
        SuperuserStatement superuser = superuser(client);
        if (superuser != null) {
            return decision(Verdict.ALLOW, Reason.SUPERUSER, superuser);
        }
        boolean seenAllow = false;
        boolean seenDeny = false;
        for (RuleStatement rule : rules(carried)) {
            if (!who(rule.who(), client) || !rule.actions().contains(Action.SUBSCRIBE) || !rule.qos().allows(qos)) {
                continue;
            }
            boolean contains = false;
            boolean overlaps = false;
            for (Topic t : rule.topics()) {
                contains |= topicContains(t, client, s);
                overlaps |= topicOverlaps(t, client, s);
            }
            boolean allow = rule.effect() == Effect.ALLOW;
            if (contains) {
                Verdict v = allow ? (seenDeny ? Verdict.PARTIAL : Verdict.ALLOW) : (seenAllow ? Verdict.PARTIAL : Verdict.DENY);
                return decision(v, Reason.RULE, rule);
            }
            if (overlaps) {
                seenAllow |= allow;
                seenDeny |= !allow;
            }
        }
        boolean defaultAllow = ast.settingOrDefault(Setting.Kind.DEFAULT) == Setting.DEFAULT_ALLOW;
        Verdict v = defaultAllow ? (seenDeny ? Verdict.PARTIAL : Verdict.ALLOW) : (seenAllow ? Verdict.PARTIAL : Verdict.DENY);
        return defaultDecision(v);
    }

    public Decision deliver(ClientInfo client, String filter, int qos, String topic) {
        return deliver(client, ClientRules.NONE, filter, qos, topic);
    }

    public Decision deliver(ClientInfo client, ClientRules carried, String filter, int qos, String topic) {
        String s = withoutShare(filter);
        if (qos < 0 || qos > 2 || s == null || TopicSyntax.nameProblem(topic) != null) {
            return decision(Verdict.DENY, Reason.INVALID, null);
        }
        SuperuserStatement superuser = superuser(client);
        if (superuser != null) {
            return decision(Verdict.ALLOW, Reason.SUPERUSER, superuser);
        }
        for (RuleStatement rule : rules(carried)) {
            if (who(rule.who(), client) && rule.actions().contains(Action.SUBSCRIBE) && rule.qos().allows(qos)) {
                for (Topic t : rule.topics()) {
                    if (topicMatches(t, client, topic, s)) {
                        return ruleDecision(rule);
                    }
                }
            }
        }
        return defaultDecision(null);
    }

    // ---- client rules -------------------------------------------------------------------------

    /**
     * The policy's rules in file order with the carried rules spliced in where the
     * {@code client rules} statement is (nowhere when there is none): each carried rule becomes a
     * rule for {@code all} written at the statement, its text naming it {@code client rule #N (source)}.
     */
    private List<RuleStatement> rules(ClientRules carried) {
        List<RuleStatement> rules = new ArrayList<>();
        for (Statement s : ast.statements()) {
            if (s instanceof RuleStatement rule) {
                rules.add(rule);
            } else if (s instanceof ClientRulesStatement at) {
                for (int i = 0; i < carried.rules().size(); i++) {
                    rules.add(asRule(carried.rules().get(i), at.position(),
                            "client rule #" + (i + 1) + " (" + carried.source() + "): " + carried.rules().get(i)));
                }
            }
        }
        return rules;
    }

    private static RuleStatement asRule(ClientRule c, SourcePosition at, String text) {
        Set<Action> actions = switch (c.action()) {
            case PUBLISH -> Set.of(Action.PUBLISH);
            case SUBSCRIBE -> Set.of(Action.SUBSCRIBE);
            case ALL -> Set.of(Action.PUBLISH, Action.SUBSCRIBE);
        };
        Topic topic = c.exact() ? new Topic.Exact(c.topic(), at) : new Topic.Filter(c.topic(), at);
        Retain retain = c.retain() == null ? Retain.ANY : c.retain() ? Retain.TRUE : Retain.FALSE;
        return new RuleStatement(c.permission() == ClientRule.Permission.ALLOW ? Effect.ALLOW : Effect.DENY, new Who.All(),
                actions, List.of(topic), Qos.of(c.qos().stream().mapToInt(Integer::intValue).toArray()), retain, at, text);
    }

    /** {@code $share/GROUP/F} → F; null when anything is invalid. */
    static String withoutShare(String filter) {
        if (filter == null || TopicSyntax.filterProblem(filter) != null) {
            return null;
        }
        if (!filter.startsWith("$share/")) {
            return filter;
        }
        String rest = filter.substring("$share/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String group = rest.substring(0, slash);
        String f = rest.substring(slash + 1);
        if (group.contains("+") || group.contains("#") || TopicSyntax.filterProblem(f) != null) {
            return null;
        }
        return f;
    }

    // ---- topics -----------------------------------------------------------------------------

    /** {@code eqKey}: what an {@code eq} topic is compared with (T for a publish, S for a delivery). */
    private static boolean topicMatches(Topic t, ClientInfo client, String topic, String eqKey) {
        if (t instanceof Topic.Any) {
            return true;
        }
        if (t instanceof Topic.Exact eq) {
            return eq.topic().equals(eqKey);
        }
        String rendered = render(((Topic.Filter) t).filter(), client);
        return rendered != null && ReferenceTopics.matches(rendered, topic);
    }

    private static boolean topicContains(Topic t, ClientInfo client, String sub) {
        if (t instanceof Topic.Any) {
            return true;
        }
        if (t instanceof Topic.Exact eq) {
            return eq.topic().equals(sub);
        }
        String rendered = render(((Topic.Filter) t).filter(), client);
        return rendered != null && ReferenceTopics.contains(rendered, sub);
    }

    private static boolean topicOverlaps(Topic t, ClientInfo client, String sub) {
        if (t instanceof Topic.Any) {
            return true;
        }
        if (t instanceof Topic.Exact eq) {
            return eq.topic().equals(sub);
        }
        String rendered = render(((Topic.Filter) t).filter(), client);
        return rendered != null && ReferenceTopics.overlaps(rendered, sub);
    }

    /** The filter with placeholders substituted in one left-to-right pass; null if one cannot render. */
    static String render(String filter, ClientInfo client) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < filter.length()) {
            String value = null;
            String name = null;
            for (String candidate : new String[] {"${username}", "${clientid}", "${cn}"}) {
                if (filter.startsWith(candidate, i)) {
                    name = candidate;
                    value = switch (candidate) {
                        case "${username}" -> client.username();
                        case "${clientid}" -> client.clientId();
                        default -> client.commonName();
                    };
                }
            }
            if (name == null) {
                out.append(filter.charAt(i++));
                continue;
            }
            if (value == null || value.isEmpty() || value.startsWith("$") || value.contains("/") || value.contains("+")
                    || value.contains("#") || value.contains("\0")) {
                return null; // docs/semantics.md, Placeholders: the topic entry matches nothing
            }
            out.append(value);
            i += name.length();
        }
        return out.toString();
    }

    // ---- who --------------------------------------------------------------------------------

    private SuperuserStatement superuser(ClientInfo client) {
        for (Statement s : ast.statements()) {
            if (s instanceof SuperuserStatement su && who(su.who(), client)) {
                return su;
            }
        }
        return null;
    }

    static boolean who(Who who, ClientInfo c) {
        if (who instanceof Who.All) {
            return true;
        }
        if (who instanceof Who.Anonymous) {
            return c.username() == null;
        }
        if (who instanceof Who.Equals eq) {
            return eq.value().equals(attr(eq.attribute(), c));
        }
        if (who instanceof Who.In in) {
            String v = attr(in.attribute(), c);
            return v != null && in.values().contains(v);
        }
        if (who instanceof Who.Matches m) {
            String v = attr(m.attribute(), c);
            return v != null && PATTERNS.computeIfAbsent(m.pattern(), Pattern::compile).matcher(v).find();
        }
        if (who instanceof Who.Ip ip) {
            return ip.blocks().stream().anyMatch(b -> inBlock(b, c));
        }
        if (who instanceof Who.Listener l) {
            return l.name().equals(c.listener());
        }
        if (who instanceof Who.Not not) {
            return !who(not.operand(), c);
        }
        if (who instanceof Who.And and) {
            return and.operands().stream().allMatch(o -> who(o, c));
        }
        return ((Who.Or) who).operands().stream().anyMatch(o -> who(o, c));
    }

    private static String attr(Attribute a, ClientInfo c) {
        return switch (a) {
            case USERNAME -> c.username();
            case CLIENTID -> c.clientId();
            case CN -> c.commonName();
        };
    }

    /** Prefix comparison on numbers; an IPv4-mapped IPv6 peer is also its IPv4 address. */
    private static boolean inBlock(IpBlock block, ClientInfo c) {
        if (c.address() == null) {
            return false;
        }
        byte[] peer = c.address().getAddress();
        if (samePrefix(peer, block)) {
            return true;
        }
        byte[] mappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
        if (peer.length == 16 && java.util.Arrays.equals(java.util.Arrays.copyOf(peer, 12), mappedPrefix)) {
            return samePrefix(java.util.Arrays.copyOfRange(peer, 12, 16), block);
        }
        return false;
    }

    private static boolean samePrefix(byte[] peer, IpBlock block) {
        byte[] net = block.address();
        if (peer.length != net.length) {
            return false;
        }
        int hostBits = net.length * 8 - block.prefixLength();
        return new BigInteger(1, peer).shiftRight(hostBits).equals(new BigInteger(1, net).shiftRight(hostBits));
    }

    // ---- decisions --------------------------------------------------------------------------

    private static Decision ruleDecision(RuleStatement rule) {
        return decision(rule.effect() == Effect.ALLOW ? Verdict.ALLOW : Verdict.DENY, Reason.RULE, rule);
    }

    /** The default's decision; {@code verdict} null means the setting's own verdict. */
    private Decision defaultDecision(Verdict verdict) {
        Verdict v = verdict != null ? verdict
                : ast.settingOrDefault(Setting.Kind.DEFAULT) == Setting.DEFAULT_ALLOW ? Verdict.ALLOW : Verdict.DENY;
        return decision(v, Reason.DEFAULT, ast.setting(Setting.Kind.DEFAULT).orElse(null));
    }

    private static Decision decision(Verdict v, Reason r, Statement s) {
        return s == null ? new Decision(v, r, null, null)
                : new Decision(v, r, new Source(s.position().file(), s.position().line(), s.position().column()), s.text());
    }
}
