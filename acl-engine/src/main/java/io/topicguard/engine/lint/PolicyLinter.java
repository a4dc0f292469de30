package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings of {@code topicguard lint} (docs/language.md, Lint warnings): shadowed rules, {@code +}/{@code #}
 * rules that cannot match {@code $}-topics, {@code default allow}, {@code anonymous allow},
 * expired bans, who-expressions that can never be true. Warnings never reject a policy.
 *
 * <p>Every check is conservative: a warning is given only when the problem provably exists (a rule
 * is reported shadowed only when an earlier rule for all clients, or for a syntactically
 * identical or wider who-expression, covers its actions, options and every topic).
 *
 * <pre>{@code
 * for (Diagnostic warning : PolicyLinter.lint(ast, Clock.systemUTC())) {
 *     System.err.println(warning.format());
 * }
 * }</pre>
 */
public final class PolicyLinter {

    /**
     * Shadowing compares each rule with the earlier rules that could cover it; past this many
     * candidates per rule the search stops (a missed warning, never a wrong one), so linting a
     * million-rule policy stays linear.
     */
    private static final int MAX_SHADOW_CANDIDATES = 2_000;
    /** Rule-against-rule comparisons for the whole policy, so lint finishes in seconds at any size. */
    static final long MAX_SHADOW_COMPARISONS = 5_000_000L;

    private PolicyLinter() {
    }

    /** Every warning for {@code policy}, in source order; bans are judged expired against {@code clock}. */
    public static List<Diagnostic> lint(PolicyAst policy, Clock clock) {
        return lint(policy, clock, MAX_SHADOW_COMPARISONS);
    }

    /** {@link #lint(PolicyAst, Clock)} with a budget of rule-against-rule comparisons for shadowing. */
    static List<Diagnostic> lint(PolicyAst policy, Clock clock, long shadowComparisons) {
        Linting linting = new Linting(policy, clock.instant(), shadowComparisons);
        for (Statement statement : policy.statements()) {
            linting.check(statement);
        }
        return List.copyOf(linting.warnings);
    }

    private static final class Linting {
        private final SourceLines lines;
        private final Instant now;
        private final List<Diagnostic> warnings = new ArrayList<>();
        /** Earlier rules that apply to every client: candidates to shadow any later rule. */
        private final List<RuleStatement> forEveryone = new ArrayList<>();
        /** Earlier rules by who-expression: candidates to shadow a later rule with that (part of a) who. */
        private final Map<Who, List<RuleStatement>> byWho = new HashMap<>();
        private final long maxComparisons;
        private long comparisons;

        Linting(PolicyAst policy, Instant now, long maxComparisons) {
            this.lines = new SourceLines(policy.files());
            this.now = now;
            this.maxComparisons = maxComparisons;
        }

        void check(Statement statement) {
            if (statement instanceof SettingStatement setting) {
                if (setting.setting() == Setting.DEFAULT_ALLOW) {
                    warn(setting.position(), "'default allow' permits every topic no rule mentions",
                            "write 'default deny' and allow what clients need");
                } else if (setting.setting() == Setting.ANONYMOUS_ALLOW) {
                    warn(setting.position(), "'anonymous allow' lets clients connect without a username",
                            "write 'anonymous deny' unless this broker is deliberately open");
                }
            } else if (statement instanceof BanStatement ban) {
                if (ban.until().isPresent() && !ban.activeAt(now)) {
                    warn(ban.position(), "this ban expired at " + ban.until().get() + " and no longer applies",
                            "remove the ban, or extend its 'until'");
                }
                neverTrue(ban.who(), ban.position());
            } else if (statement instanceof SuperuserStatement superuser) {
                neverTrue(superuser.who(), superuser.position());
            } else if (statement instanceof RuleStatement rule) {
                boolean impossible = neverTrue(rule.who(), rule.position());
                dollarTopics(rule);
                untiedClientId(rule);
                if (!impossible) {
                    shadowed(rule);
                }
                remember(rule);
            }
        }

        private boolean neverTrue(Who who, SourcePosition at) {
            if (WhoAnalysis.neverTrue(who)) {
                warn(at, "this who-expression can never be true, so the statement applies to no client",
                        "check for contradictions such as 'anonymous and username ...' or 'not all'");
                return true;
            }
            return false;
        }

        /** MQTT-4.7.2-1: a rule that looks meant for every topic misses {@code $SYS/...}. */
        private void dollarTopics(RuleStatement rule) {
            boolean coversDollar = rule.topics().stream().anyMatch(t -> t instanceof Topic.Any
                    || (t instanceof Topic.Filter f && f.filter().startsWith("$")));
            if (coversDollar) {
                return;
            }
            for (Topic topic : rule.topics()) {
                if (topic instanceof Topic.Filter f && (f.filter().equals("#") || f.filter().equals("+/#"))) {
                    warn(f.position(), "\"" + f.filter() + "\" does not match topics starting with '$' such as $SYS/... (MQTT-4.7.2-1)",
                            "write 'any' to include $-topics, or add a \"$SYS/#\" topic");
                }
            }
        }

        /**
         * A client chooses its client id, and the broker authenticates only the username (or the
         * certificate's common name): an allow rule rendering {@code ${clientid}} hands any client
         * it applies to the topics of every client id it cares to claim. Quiet when the rule itself
         * ties the two ({@link WhoAnalysis#tiesClientId}); deny rules only take rights away.
         */
        private void untiedClientId(RuleStatement rule) {
            if (rule.effect() != Effect.ALLOW || WhoAnalysis.tiesClientId(rule.who())) {
                return;
            }
            for (Topic topic : rule.topics()) {
                if (topic instanceof Topic.Filter f && f.filter().contains("${clientid}")) {
                    warn(f.position(), "'${clientid}' is whatever client id the client claims: any client this rule applies to"
                                    + " can take another's client id and reach its topics",
                            "write ${username} (or ${cn}), which the broker authenticates, or tie the client id to the identity:"
                                    + " username \"u\" and clientid \"u\"");
                }
            }
        }

        private void shadowed(RuleStatement rule) {
            if (comparisons > maxComparisons) {
                return;
            }
            int examined = 0;
            for (List<RuleStatement> candidates : candidateLists(rule.who())) {
                for (RuleStatement earlier : candidates) {
                    if (++examined > MAX_SHADOW_CANDIDATES) {
                        return;
                    }
                    if (++comparisons > maxComparisons) {
                        warn(rule.position(), "too many rules to check them all for shadowing; this rule and the ones after it were not checked",
                                "split the policy, or give rules exact usernames or client ids so fewer rules can shadow each other");
                        return;
                    }
                    if (RuleCover.covers(earlier, rule)) {
                        warn(rule.position(), "this rule never decides: the rule at " + earlier.position().fileAndLine()
                                        + " (" + earlier.text() + ") applies first whenever it does",
                                "remove it, or move it above " + earlier.position().fileAndLine());
                        return;
                    }
                }
            }
        }

        private List<List<RuleStatement>> candidateLists(Who who) {
            List<List<RuleStatement>> lists = new ArrayList<>();
            lists.add(forEveryone);
            addIfPresent(lists, who);
            if (who instanceof Who.And and) {
                and.operands().forEach(op -> addIfPresent(lists, op));
            }
            return lists;
        }

        private void addIfPresent(List<List<RuleStatement>> lists, Who who) {
            List<RuleStatement> rules = byWho.get(who);
            if (rules != null) {
                lists.add(rules);
            }
        }

        private void remember(RuleStatement rule) {
            if (WhoAnalysis.alwaysTrue(rule.who())) {
                forEveryone.add(rule);
            } else {
                byWho.computeIfAbsent(rule.who(), w -> new ArrayList<>()).add(rule);
                if (rule.who() instanceof Who.Or or) {
                    // A wider "a or b" covers later rules for a alone or b alone.
                    or.operands().forEach(op -> byWho.computeIfAbsent(op, w -> new ArrayList<>()).add(rule));
                }
            }
        }

        private void warn(SourcePosition at, String message, String hint) {
            warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, at, message, lines.lineAt(at), hint));
        }
    }
}
