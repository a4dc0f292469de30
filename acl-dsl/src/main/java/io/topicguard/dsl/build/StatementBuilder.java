package io.topicguard.dsl.build;

import io.topicguard.dsl.check.Clip;
import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.ClientRulesStatement;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.check.Instants;
import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import io.topicguard.dsl.grammar.PolicyGrammarParser;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the parse tree of one statement into an AST statement (docs/language.md), with its position
 * and text, reporting every semantic error of the statement. Settings given twice and includes are
 * the reader's business: they concern more than one statement.
 */
public final class StatementBuilder {

    // Shared: a million rules need only three distinct action sets.
    static final Set<Action> BOTH = Set.of(Action.PUBLISH, Action.SUBSCRIBE);
    static final Set<Action> PUBLISH = Set.of(Action.PUBLISH);
    static final Set<Action> SUBSCRIBE = Set.of(Action.SUBSCRIBE);

    private final FileReporter reporter;
    private final WhoBuilder whoBuilder;
    private final TopicBuilder topicBuilder;
    private final OptionBuilder optionBuilder;

    public StatementBuilder(FileReporter reporter) {
        this.reporter = reporter;
        this.whoBuilder = new WhoBuilder(reporter);
        this.topicBuilder = new TopicBuilder(reporter);
        this.optionBuilder = new OptionBuilder(reporter);
    }

    /**
     * @param tokens the statement's tokens, for its text as written
     */
    public BuiltStatement build(PolicyGrammarParser.SingleStatementContext tree, List<Token> tokens) {
        PolicyGrammarParser.StatementContext statement = tree.statement();
        SourcePosition position = reporter.position(statement.getStart());
        String text = StatementText.of(tokens);
        if (statement instanceof PolicyGrammarParser.DefaultSettingContext s) {
            return setting(s.value.getType() == PolicyGrammarLexer.ALLOW ? Setting.DEFAULT_ALLOW : Setting.DEFAULT_DENY, position, text);
        }
        if (statement instanceof PolicyGrammarParser.AnonymousSettingContext s) {
            return setting(s.value.getType() == PolicyGrammarLexer.ALLOW ? Setting.ANONYMOUS_ALLOW : Setting.ANONYMOUS_DENY, position, text);
        }
        if (statement instanceof PolicyGrammarParser.OnDenySettingContext s) {
            return setting(s.value.getType() == PolicyGrammarLexer.IGNORE ? Setting.ON_DENY_IGNORE : Setting.ON_DENY_DISCONNECT, position, text);
        }
        if (statement instanceof PolicyGrammarParser.PartialSettingContext s) {
            return setting(s.value.getType() == PolicyGrammarLexer.FILTER ? Setting.PARTIAL_FILTER : Setting.PARTIAL_DENY, position, text);
        }
        if (statement instanceof PolicyGrammarParser.IncludeStatementContext s) {
            Token pathToken = s.STRING().getSymbol();
            String path = StringLiteral.decode(pathToken, reporter);
            return path == null ? new BuiltStatement.Invalid() : new BuiltStatement.Include(path, pathToken, position);
        }
        if (statement instanceof PolicyGrammarParser.SuperuserStatementContext s) {
            Who who = whoBuilder.who(s.who());
            return who == null ? new BuiltStatement.Invalid() : new BuiltStatement.Ast(new SuperuserStatement(who, position, text));
        }
        if (statement instanceof PolicyGrammarParser.BanStatementContext s) {
            return ban(s, position, text);
        }
        if (statement instanceof PolicyGrammarParser.ClientRulesStatementContext) {
            return new BuiltStatement.Ast(new ClientRulesStatement(position, text));
        }
        return rule((PolicyGrammarParser.RuleStatementContext) statement, position, text);
    }

    private static BuiltStatement setting(Setting setting, SourcePosition position, String text) {
        return new BuiltStatement.Ast(new SettingStatement(setting, position, text));
    }

    private BuiltStatement ban(PolicyGrammarParser.BanStatementContext ctx, SourcePosition position, String text) {
        int errorsBefore = reporter.errorCount();
        Who who = whoBuilder.who(ctx.who());
        Optional<Instant> until = Optional.empty();
        Optional<String> reason = Optional.empty();
        Token untilSeen = null;
        Token reasonSeen = null;
        for (PolicyGrammarParser.BanClauseContext clause : ctx.banClause()) {
            if (clause instanceof PolicyGrammarParser.BanUntilContext u) {
                Token keyword = u.UNTIL().getSymbol();
                if (untilSeen != null) {
                    reporter.error(keyword, "'until' is given twice in one ban", "keep one 'until'");
                    continue;
                }
                untilSeen = keyword;
                Token token = u.STRING().getSymbol();
                String value = StringLiteral.decode(token, reporter);
                if (value == null) {
                    continue;
                }
                Instant instant = Instants.parse(value);
                if (instant == null) {
                    reporter.error(token, "'until' must be an ISO-8601 date or instant, got " + Clip.of(token.getText()),
                            "write a date \"2027-01-01\" (start of that day, UTC) or an instant \"2027-01-01T12:00:00Z\"");
                } else {
                    until = Optional.of(instant);
                }
            } else {
                PolicyGrammarParser.BanReasonContext r = (PolicyGrammarParser.BanReasonContext) clause;
                Token keyword = r.REASON().getSymbol();
                if (reasonSeen != null) {
                    reporter.error(keyword, "'reason' is given twice in one ban", "keep one 'reason'");
                    continue;
                }
                reasonSeen = keyword;
                String value = StringLiteral.decode(r.STRING().getSymbol(), reporter);
                if (value != null) {
                    reason = Optional.of(value);
                }
            }
        }
        if (who == null || reporter.errorCount() != errorsBefore) {
            return new BuiltStatement.Invalid();
        }
        return new BuiltStatement.Ast(new BanStatement(who, until, reason, position, text));
    }

    private BuiltStatement rule(PolicyGrammarParser.RuleStatementContext ctx, SourcePosition position, String text) {
        int errorsBefore = reporter.errorCount();
        Effect effect = ctx.effect.getType() == PolicyGrammarLexer.ALLOW ? Effect.ALLOW : Effect.DENY;
        Who who = whoBuilder.who(ctx.who());
        if (ctx.TO() == null) {
            // docs/language.md: no 'to' clause means every action on every topic.
            if (who == null) {
                return new BuiltStatement.Invalid();
            }
            return new BuiltStatement.Ast(new RuleStatement(effect, who, BOTH,
                    List.of(new Topic.Any(position)), Qos.ANY, Retain.ANY, position, text));
        }
        Set<Action> actions = actions(ctx.actions());
        List<Topic> topics = topicBuilder.topics(ctx.topics());
        OptionBuilder.Options options = optionBuilder.options(ctx.option(), actions);
        if (who == null || topics == null || !options.ok() || reporter.errorCount() != errorsBefore) {
            return new BuiltStatement.Invalid();
        }
        return new BuiltStatement.Ast(new RuleStatement(effect, who, actions, topics, options.qos(), options.retain(), position, text));
    }

    private static Set<Action> actions(PolicyGrammarParser.ActionsContext ctx) {
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (PolicyGrammarParser.ActionContext action : ctx.action()) {
            switch (action.kind.getType()) {
                case PolicyGrammarLexer.PUBLISH -> actions.add(Action.PUBLISH);
                case PolicyGrammarLexer.SUBSCRIBE -> actions.add(Action.SUBSCRIBE);
                default -> actions.addAll(BOTH);
            }
        }
        return actions.size() == 2 ? BOTH : actions.contains(Action.PUBLISH) ? PUBLISH : SUBSCRIBE;
    }

}
