package io.topicguard.cli;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;

import java.util.ArrayList;
import java.util.List;

/** The lines {@code check --explain} prints after the verdict (docs/cli.md): why, where, what. */
final class Explanation {

    private static final String SHARE = "$share/";

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
                    : subscriptionProblem(question.topic());
            if (problem != null) {
                lines.add("note: " + problem);
            }
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

    /** Why a SUBSCRIBE filter is invalid, with {@code $share/GROUP/F} judged as docs/semantics.md, Subscribe says. */
    private static String subscriptionProblem(String filter) {
        if (!filter.startsWith(SHARE)) {
            return TopicSyntax.filterProblem(filter);
        }
        int slash = filter.indexOf('/', SHARE.length());
        if (slash < 0) {
            return "a shared subscription is written $share/GROUP/FILTER";
        }
        String group = filter.substring(SHARE.length(), slash);
        if (group.isEmpty() || group.contains("+") || group.contains("#")) {
            // MQTT-4.8.2-1/-2 (5.0): the share name is at least one character, without wildcards.
            return "the share group of $share/GROUP/FILTER must be non-empty, without '+' or '#'";
        }
        return TopicSyntax.filterProblem(filter.substring(slash + 1));
    }
}
