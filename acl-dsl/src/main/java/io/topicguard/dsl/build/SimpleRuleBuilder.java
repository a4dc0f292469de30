package io.topicguard.dsl.build;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.check.IpLiterals;
import io.topicguard.dsl.check.Regexes;
import io.topicguard.dsl.check.TopicChecks;
import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the rule shapes that make up nearly every large policy straight from a statement's
 * tokens, without an ANTLR parse tree: {@code allow|deny TERM [to ACTIONS TOPICS]}, where TERM is
 * one of {@code all}, {@code anonymous}, {@code username|clientid|cn "x"},
 * {@code username|clientid|cn ~ "re"}, {@code ip "addr"} or {@code listener "name"}, and TOPICS
 * are strings, {@code eq} strings or {@code any}, without options.
 *
 * <p>Why: a million-rule policy spent most of its parse time building and walking parse trees
 * (issue 4: 1,000,000 rules in at most 10 s). The shape is checked token by token, which is the
 * whole grammar for it; every semantic check is the one {@link StatementBuilder} runs. Anything
 * else — another shape, a string with an escape, any check that fails — returns null
 * <em>before reporting anything</em>, and the caller parses the statement with ANTLR, which then
 * reports exactly what it always did. A property test holds the two paths to the same AST and
 * diagnostics.
 */
public final class SimpleRuleBuilder {

    private final FileReporter reporter;
    /** Patterns already compiled once: a policy repeats a few hundred regexes thousands of times. */
    private final Set<String> validPatterns = new HashSet<>();

    public SimpleRuleBuilder(FileReporter reporter) {
        this.reporter = reporter;
    }

    /** The rule {@code tokens} (one statement, no EOF) form, or null when the full parser must handle them. */
    public BuiltStatement build(List<Token> tokens) {
        int n = tokens.size();
        if (n < 2) {
            return null;
        }
        Token first = tokens.get(0);
        Effect effect = switch (first.getType()) {
            case PolicyGrammarLexer.ALLOW -> Effect.ALLOW;
            case PolicyGrammarLexer.DENY -> Effect.DENY;
            default -> null;
        };
        if (effect == null) {
            return null;
        }
        // The who-term: tokens [1, at).
        int at = 1;
        Who who;
        Token t = tokens.get(at);
        switch (t.getType()) {
            case PolicyGrammarLexer.ALL -> {
                who = WhoBuilder.ALL;
                at += 1;
            }
            case PolicyGrammarLexer.ANONYMOUS -> {
                who = WhoBuilder.ANONYMOUS;
                at += 1;
            }
            case PolicyGrammarLexer.USERNAME, PolicyGrammarLexer.CLIENTID, PolicyGrammarLexer.CN -> {
                Attribute attribute = switch (t.getType()) {
                    case PolicyGrammarLexer.USERNAME -> Attribute.USERNAME;
                    case PolicyGrammarLexer.CLIENTID -> Attribute.CLIENTID;
                    default -> Attribute.CN;
                };
                if (type(tokens, at + 1) == PolicyGrammarLexer.STRING) {
                    String value = plain(tokens.get(at + 1));
                    who = value == null ? null : new Who.Equals(attribute, value);
                    at += 2;
                } else if (type(tokens, at + 1) == PolicyGrammarLexer.TILDE && type(tokens, at + 2) == PolicyGrammarLexer.STRING) {
                    String pattern = plain(tokens.get(at + 2));
                    who = pattern == null || !validPattern(pattern) ? null : new Who.Matches(attribute, pattern);
                    at += 3;
                } else {
                    return null;
                }
            }
            case PolicyGrammarLexer.IP -> {
                if (type(tokens, at + 1) != PolicyGrammarLexer.STRING) {
                    return null;
                }
                String text = plain(tokens.get(at + 1));
                IpLiterals.Result result = text == null ? null : IpLiterals.parse(text);
                who = result instanceof IpLiterals.Parsed parsed ? new Who.Ip(List.of(parsed.block())) : null;
                at += 2;
            }
            case PolicyGrammarLexer.LISTENER -> {
                if (type(tokens, at + 1) != PolicyGrammarLexer.STRING) {
                    return null;
                }
                String name = plain(tokens.get(at + 1));
                who = name == null ? null : new Who.Listener(name);
                at += 2;
            }
            default -> {
                return null;
            }
        }
        if (who == null) {
            return null;
        }
        SourcePosition position = reporter.position(first);
        if (at == n) {
            // docs/language.md: no 'to' clause means every action on every topic (as StatementBuilder.rule).
            return new BuiltStatement.Ast(new RuleStatement(effect, who, StatementBuilder.BOTH,
                    List.of(new Topic.Any(position)), Qos.ANY, Retain.ANY, position, StatementText.of(tokens)));
        }
        if (type(tokens, at) != PolicyGrammarLexer.TO) {
            return null;
        }
        at++;
        // Actions: action (',' action)*.
        boolean publish = false;
        boolean subscribe = false;
        while (true) {
            switch (type(tokens, at)) {
                case PolicyGrammarLexer.PUBLISH -> publish = true;
                case PolicyGrammarLexer.SUBSCRIBE -> subscribe = true;
                case PolicyGrammarLexer.ALL -> {
                    publish = true;
                    subscribe = true;
                }
                default -> {
                    return null;
                }
            }
            at++;
            if (type(tokens, at) != PolicyGrammarLexer.COMMA) {
                break;
            }
            at++;
        }
        Set<Action> actions = publish && subscribe ? StatementBuilder.BOTH
                : publish ? StatementBuilder.PUBLISH : StatementBuilder.SUBSCRIBE;
        // Topics: topic (',' topic)*, and then the end of the statement (options go the full way).
        Topic only = null;
        List<Topic> topics = null;
        while (true) {
            Topic topic = topic(tokens, at);
            if (topic == null) {
                return null;
            }
            at += topic instanceof Topic.Exact ? 2 : 1;
            if (only == null) {
                only = topic;
            } else {
                if (topics == null) {
                    topics = new ArrayList<>(4);
                    topics.add(only);
                }
                topics.add(topic);
            }
            if (at == n) {
                break;
            }
            if (type(tokens, at) != PolicyGrammarLexer.COMMA) {
                return null;
            }
            at++;
        }
        return new BuiltStatement.Ast(new RuleStatement(effect, who, actions,
                topics == null ? List.of(only) : topics, Qos.ANY, Retain.ANY, position, StatementText.of(tokens)));
    }

    /** The topic starting at token {@code at}, or null when it is not one or has any problem. */
    private Topic topic(List<Token> tokens, int at) {
        switch (type(tokens, at)) {
            case PolicyGrammarLexer.ANY:
                return new Topic.Any(reporter.position(tokens.get(at)));
            case PolicyGrammarLexer.STRING: {
                Token token = tokens.get(at);
                String filter = plain(token);
                return filter == null || !TopicChecks.filterProblems(filter).isEmpty()
                        ? null : new Topic.Filter(filter, reporter.position(token));
            }
            case PolicyGrammarLexer.EQ: {
                if (type(tokens, at + 1) != PolicyGrammarLexer.STRING) {
                    return null;
                }
                Token token = tokens.get(at + 1);
                String topic = plain(token);
                return topic == null || !TopicChecks.exactProblems(topic).isEmpty()
                        ? null : new Topic.Exact(topic, reporter.position(token));
            }
            default:
                return null;
        }
    }

    private boolean validPattern(String pattern) {
        if (validPatterns.contains(pattern)) {
            return true;
        }
        if (Regexes.problem(pattern) != null) {
            return false;
        }
        validPatterns.add(pattern);
        return true;
    }

    /** The token type at {@code index}, or EOF past the end. */
    private static int type(List<Token> tokens, int index) {
        return index < tokens.size() ? tokens.get(index).getType() : Token.EOF;
    }

    /**
     * The value of a string token without escapes, or null when it has one: escapes can be wrong,
     * and only the full path reports that.
     */
    private static String plain(Token token) {
        String inner = token.getInputStream().getText(Interval.of(token.getStartIndex() + 1, token.getStopIndex() - 1));
        return inner.indexOf('\\') < 0 ? inner : null;
    }
}
