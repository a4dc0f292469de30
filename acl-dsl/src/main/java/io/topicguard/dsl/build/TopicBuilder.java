package io.topicguard.dsl.build;

import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.check.TopicChecks;
import io.topicguard.dsl.grammar.PolicyGrammarParser;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/** Builds a rule's topic list, reporting every invalid topic (docs/language.md, Errors), not only the first. */
final class TopicBuilder {

    private final FileReporter reporter;

    TopicBuilder(FileReporter reporter) {
        this.reporter = reporter;
    }

    /** The topics, or null when any was invalid (all reported). */
    List<Topic> topics(PolicyGrammarParser.TopicsContext ctx) {
        List<PolicyGrammarParser.TopicContext> entries = ctx.topic();
        List<Topic> topics = new ArrayList<>(entries.size());
        boolean ok = true;
        for (PolicyGrammarParser.TopicContext entry : entries) {
            Topic topic = topic(entry);
            ok &= topic != null;
            topics.add(topic);
        }
        return ok ? topics : null;
    }

    private Topic topic(PolicyGrammarParser.TopicContext ctx) {
        if (ctx instanceof PolicyGrammarParser.AnyTopicContext any) {
            return new Topic.Any(reporter.position(any.ANY().getSymbol()));
        }
        boolean exact = ctx instanceof PolicyGrammarParser.ExactTopicContext;
        Token token = exact
                ? ((PolicyGrammarParser.ExactTopicContext) ctx).STRING().getSymbol()
                : ((PolicyGrammarParser.FilterTopicContext) ctx).STRING().getSymbol();
        String value = StringLiteral.decode(token, reporter);
        if (value == null) {
            return null;
        }
        List<Problem> problems = exact ? TopicChecks.exactProblems(value) : TopicChecks.filterProblems(value);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> Problems.report(reporter, token, problem));
            return null;
        }
        return exact
                ? new Topic.Exact(value, reporter.position(token))
                : new Topic.Filter(value, reporter.position(token));
    }
}
