package io.topicguard.engine;

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
import io.topicguard.engine.trie.CompiledRule;
import io.topicguard.engine.trie.LevelInterner;
import io.topicguard.engine.trie.OptionBits;
import io.topicguard.engine.trie.TopicIndex;
import io.topicguard.engine.who.WhoCompiler;
import io.topicguard.engine.who.WhoIndex;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AST to compiled policy: rules grouped by their who-expression, each group's topics in one
 * {@link TopicIndex}, groups indexed by exact username/client id/CN ({@link WhoIndex}). A rule's
 * ordinal is its place in file order, so the lowest ordinal found across a client's groups is the
 * first match of docs/semantics.md, Publish. Single-use.
 */
final class PolicyCompiler {

    /** A policy without statements: what it answers for a setting is that setting's default. */
    private static final PolicyAst NO_SETTINGS = new PolicyAst(List.of(), List.of());

    private LevelInterner interner;
    private final WhoCompiler whoCompiler = new WhoCompiler();
    /** Sized in {@link #compile} for a group per statement, at most: no rehashing of a million groups while filling. */
    private Map<Who, TopicIndex.Builder> groups;
    private final WhoIndex.Builder<GuardedStatement> bans = new WhoIndex.Builder<>(whoCompiler);
    private final WhoIndex.Builder<GuardedStatement> superusers = new WhoIndex.Builder<>(whoCompiler);
    private final List<Decision> ruleDecisions = new ArrayList<>();
    private int rules;
    private int otherStatements;

    /** What {@link Policy} holds. */
    record Compiled(WhoIndex<TopicIndex> rules, WhoIndex<GuardedStatement> bans, WhoIndex<GuardedStatement> superusers,
                    int ruleCount, int whoGroups, Decision[] ruleDecisions) {
    }

    Compiled compile(PolicyAst ast) {
        interner = new LevelInterner(ast.statements().size());
        groups = new LinkedHashMap<>((int) Math.min(1 << 30, ast.statements().size() * 4L / 3 + 1));
        for (Statement statement : ast.statements()) {
            if (statement instanceof RuleStatement rule) {
                addRule(rule);
            } else if (statement instanceof BanStatement ban) {
                Decision decision = new Decision(Verdict.DENY, Reason.BANNED, source(ban.position()), ban.text());
                bans.add(ban.who(), new GuardedStatement(otherStatements++, decision, ban.until().orElse(null)));
            } else if (statement instanceof SuperuserStatement superuser) {
                Decision decision = new Decision(Verdict.ALLOW, Reason.SUPERUSER, source(superuser.position()), superuser.text());
                superusers.add(superuser.who(), new GuardedStatement(otherStatements++, decision, null));
            }
        }
        WhoIndex.Builder<TopicIndex> ruleIndex = new WhoIndex.Builder<>(whoCompiler);
        groups.forEach((who, topics) -> ruleIndex.add(who, topics.build()));
        return new Compiled(ruleIndex.build(), bans.build(), superusers.build(), rules, groups.size(),
                ruleDecisions.toArray(Decision[]::new));
    }

    private void addRule(RuleStatement rule) {
        boolean allow = rule.effect() == Effect.ALLOW;
        Decision decision = new Decision(allow ? Verdict.ALLOW : Verdict.DENY, Reason.RULE, source(rule.position()), rule.text());
        CompiledRule compiled = new CompiledRule(rules++, allow,
                OptionBits.mask(rule.actions(), rule.qos(), rule.retain()), decision);
        ruleDecisions.add(decision);
        TopicIndex.Builder topics = groups.computeIfAbsent(rule.who(), who -> new TopicIndex.Builder(interner));
        for (Topic topic : rule.topics()) {
            topics.add(topic, compiled);
        }
    }

    /**
     * The setting statements of {@code ast} by kind, found in one pass: {@link PolicyAst#setting}
     * scans every statement per call, which for a million rules and a setting that is not written
     * means a million statements looked at per question.
     */
    static Map<Setting.Kind, SettingStatement> settingStatements(PolicyAst ast) {
        Map<Setting.Kind, SettingStatement> written = new EnumMap<>(Setting.Kind.class);
        for (Statement statement : ast.statements()) {
            if (statement instanceof SettingStatement setting) {
                // A policy sets each kind at most once (the parser rejects a second one); keep the first regardless.
                written.putIfAbsent(setting.setting().kind(), setting);
            }
        }
        return written;
    }

    /** The value of every setting: as written, or the secure default of docs/language.md. */
    static Map<Setting.Kind, Setting> settings(Map<Setting.Kind, SettingStatement> written) {
        Map<Setting.Kind, Setting> settings = new EnumMap<>(Setting.Kind.class);
        for (Setting.Kind kind : Setting.Kind.values()) {
            SettingStatement statement = written.get(kind);
            settings.put(kind, statement != null ? statement.setting() : NO_SETTINGS.settingOrDefault(kind));
        }
        return settings;
    }

    /** The decision of the {@code default} setting, pointing at its statement when there is one. */
    static Decision defaultDecision(Map<Setting.Kind, SettingStatement> written) {
        Verdict verdict = settings(written).get(Setting.Kind.DEFAULT) == Setting.DEFAULT_ALLOW ? Verdict.ALLOW : Verdict.DENY;
        return settingDecision(verdict, Reason.DEFAULT, written.get(Setting.Kind.DEFAULT));
    }

    /** The decision of the {@code anonymous} setting for a client without username. */
    static Decision anonymousDecision(Map<Setting.Kind, SettingStatement> written) {
        Verdict verdict = settings(written).get(Setting.Kind.ANONYMOUS) == Setting.ANONYMOUS_ALLOW ? Verdict.ALLOW : Verdict.DENY;
        return settingDecision(verdict, Reason.ANONYMOUS, written.get(Setting.Kind.ANONYMOUS));
    }

    private static Decision settingDecision(Verdict verdict, Reason reason, @Nullable SettingStatement statement) {
        return statement != null
                ? new Decision(verdict, reason, source(statement.position()), statement.text())
                : new Decision(verdict, reason, null, null);
    }

    /** The parser's position as the engine reports it in decisions. */
    private static Source source(SourcePosition position) {
        return new Source(position.file(), position.line(), position.column());
    }
}
