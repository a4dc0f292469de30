package io.topicguard.broker.cli;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;

import java.util.ArrayList;
import java.util.List;

/** The lines {@code check --explain} prints after the verdict (DESIGN.md §7): why, where, what. */
final class Explanation {

    private Explanation() {
    }

    static List<String> lines(CheckQuestion question, CheckQuestion.Answer answer) {
        Decision decision = answer.decision();
        List<String> lines = new ArrayList<>();
        lines.add("reason: " + decision.reason().word());
        lines.add("source: " + decision.sourceLine());
        lines.add("statement: " + (decision.statement() != null ? decision.statement() : implicitStatement(decision)));
        if (answer.refusedAtConnect()) {
            lines.add("note: the client may not connect, so it may neither publish nor subscribe");
        }
        if (decision.reason() == Reason.INVALID && question.topic() != null) {
            String problem = question.kind() == CheckQuestion.Kind.PUBLISH
                    ? TopicSyntax.nameProblem(question.topic())
                    : TopicSyntax.filterProblem(stripShare(question.topic()));
            lines.add("note: " + (problem != null ? problem : "not a valid shared subscription ($share/GROUP/FILTER)"));
        }
        if (decision.verdict() == Verdict.PARTIAL) {
            lines.add("note: the filter matches topics this client may read and topics it may not;"
                    + " the broker checks each delivery (partial filter) or refuses the subscription (partial deny)");
        }
        return lines;
    }

    /** What decided when no statement of the policy did. */
    private static String implicitStatement(Decision decision) {
        return switch (decision.reason()) {
            case DEFAULT -> "(none: no rule decided, and the built-in \"default " + decision.verdict().word() + "\" applies)";
            case ANONYMOUS -> "(none: the client has no username, and the built-in \"anonymous deny\" applies)";
            case INVALID -> "(none: the topic is not valid MQTT)";
            default -> "(none)";
        };
    }

    private static String stripShare(String filter) {
        if (filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', "$share/".length());
            return slash < 0 ? "" : filter.substring(slash + 1);
        }
        return filter;
    }
}
