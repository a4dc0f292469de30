package io.topicguard.dsl.acltest;

import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.build.Problems;
import io.topicguard.dsl.build.StringLiteral;
import io.topicguard.dsl.check.Clip;
import io.topicguard.dsl.check.IpLiterals;
import io.topicguard.dsl.grammar.AclTestGrammarLexer;
import io.topicguard.dsl.grammar.AclTestGrammarParser;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.jspecify.annotations.Nullable;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns one expectation's parse tree into an {@link Expectation}, reporting what the grammar cannot
 * see: an attribute written twice, an anonymous client with a username, an address that is not one,
 * a QoS outside 0..2, {@code partial} for anything but a subscribe, an {@code at} that is not FILE:LINE.
 */
final class ExpectationBuilder {

    private final FileReporter reporter;

    ExpectationBuilder(FileReporter reporter) {
        this.reporter = reporter;
    }

    /** The expectation, or null after reporting every problem in it. */
    @Nullable Expectation build(AclTestGrammarParser.ExpectationContext tree) {
        int errorsBefore = reporter.errorCount();
        Expectation.Verdict verdict = switch (tree.verdict.getType()) {
            case AclTestGrammarLexer.ALLOW -> Expectation.Verdict.ALLOW;
            case AclTestGrammarLexer.DENY -> Expectation.Verdict.DENY;
            default -> Expectation.Verdict.PARTIAL;
        };
        TestClient client = client(tree);
        Question question = question(tree.question());
        if (verdict == Expectation.Verdict.PARTIAL && question.action != Expectation.Action.SUBSCRIBE) {
            reporter.error(tree.verdict, "only a subscribe can be answered partial, not a " + question.action.word(),
                    "expect allow or deny");
        }
        Expectation.Reason reason = tree.because() == null ? null
                : Expectation.Reason.valueOf(tree.because().reason.getText().toUpperCase(java.util.Locale.ROOT));
        PinnedLine at = tree.at() == null ? null : pinnedLine(tree.at().STRING().getSymbol());
        if (reporter.errorCount() > errorsBefore) {
            return null;
        }
        String text = tree.start.getInputStream().getText(Interval.of(tree.start.getStartIndex(), tree.stop.getStopIndex()));
        return new Expectation(reporter.position(tree.start), text, verdict, client, question.action, question.topic,
                question.qos, question.retain, reason, at);
    }

    private TestClient client(AclTestGrammarParser.ExpectationContext tree) {
        Map<Integer, String> values = new HashMap<>();
        Token anonymous = null;
        Token username = null;
        IpBlock address = null;
        for (AclTestGrammarParser.ClientTermContext term : tree.clientTerm()) {
            if (term instanceof AclTestGrammarParser.AnonymousClientContext a) {
                if (anonymous != null) {
                    reporter.error(a.start, "'anonymous' written twice in one expectation", null);
                }
                anonymous = a.start;
                continue;
            }
            AclTestGrammarParser.AttributeClientContext attribute = (AclTestGrammarParser.AttributeClientContext) term;
            int kind = attribute.name.getType();
            if (values.containsKey(kind)) {
                reporter.error(attribute.name, attribute.name.getText() + " given twice in one expectation",
                        "an expectation asks for one client; write another expectation for another");
                continue;
            }
            String value = StringLiteral.decode(attribute.STRING().getSymbol(), reporter);
            if (value == null) {
                continue;
            }
            values.put(kind, value);
            if (kind == AclTestGrammarLexer.USERNAME) {
                username = attribute.name;
            } else if (kind == AclTestGrammarLexer.IP) {
                address = address(attribute.STRING().getSymbol(), value);
            }
        }
        if (anonymous != null && username != null) {
            Token later = anonymous.getTokenIndex() > username.getTokenIndex() ? anonymous : username;
            reporter.error(later, "an anonymous client has no username", "write either anonymous or username \"...\"");
        }
        return new TestClient(values.getOrDefault(AclTestGrammarLexer.CLIENTID, ""), values.get(AclTestGrammarLexer.USERNAME),
                address, values.get(AclTestGrammarLexer.CN), values.get(AclTestGrammarLexer.LISTENER));
    }

    private @Nullable IpBlock address(Token string, String value) {
        IpLiterals.Result parsed = IpLiterals.parse(value);
        if (parsed instanceof IpLiterals.Invalid invalid) {
            Problems.report(reporter, string, invalid.problem());
            return null;
        }
        IpBlock block = ((IpLiterals.Parsed) parsed).block();
        if (value.indexOf('/') >= 0) {
            reporter.errorInString(string, value.indexOf('/'), "a client has one address, not a CIDR block",
                    "write the address alone, e.g. \"10.0.0.1\"");
            return null;
        }
        return block;
    }

    private record Question(Expectation.Action action, @Nullable String topic, int qos, boolean retain) {
    }

    private Question question(AclTestGrammarParser.QuestionContext tree) {
        if (tree instanceof AclTestGrammarParser.ConnectQuestionContext) {
            return new Question(Expectation.Action.CONNECT, null, 0, false);
        }
        if (tree instanceof AclTestGrammarParser.SubscribeQuestionContext subscribe) {
            String filter = StringLiteral.decode(subscribe.STRING().getSymbol(), reporter);
            int qos = subscribe.INT() == null ? 0 : qos(subscribe.INT());
            return new Question(Expectation.Action.SUBSCRIBE, filter == null ? "" : filter, qos, false);
        }
        AclTestGrammarParser.PublishQuestionContext publish = (AclTestGrammarParser.PublishQuestionContext) tree;
        String topic = StringLiteral.decode(publish.STRING().getSymbol(), reporter);
        int qos = 0;
        boolean retain = false;
        boolean qosSeen = false;
        boolean retainSeen = false;
        for (AclTestGrammarParser.PublishOptionContext option : publish.publishOption()) {
            boolean again = option instanceof AclTestGrammarParser.PublishQosContext ? qosSeen : retainSeen;
            if (again) {
                reporter.error(option.start, option.start.getText() + " given twice in one expectation", null);
            } else if (option instanceof AclTestGrammarParser.PublishQosContext q) {
                qosSeen = true;
                qos = qos(q.INT());
            } else {
                AclTestGrammarParser.PublishRetainContext r = (AclTestGrammarParser.PublishRetainContext) option;
                retainSeen = true;
                retain = r.value == null || r.value.getType() == AclTestGrammarLexer.TRUE;
            }
        }
        return new Question(Expectation.Action.PUBLISH, topic == null ? "" : topic, qos, retain);
    }

    private int qos(TerminalNode number) {
        String digits = number.getText();
        if (digits.length() > 1 || digits.charAt(0) > '2') {
            reporter.error(number.getSymbol(), "QoS is 0, 1 or 2, got " + (digits.length() > 12 ? digits.substring(0, 12) + "..." : digits), null);
            return 0;
        }
        return digits.charAt(0) - '0';
    }

    /** {@code "FILE:LINE"}: the last ':' separates the line, so a Windows path's drive letter stays in the file. */
    private @Nullable PinnedLine pinnedLine(Token string) {
        String value = StringLiteral.decode(string, reporter);
        if (value == null) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        String line = colon < 0 ? "" : value.substring(colon + 1);
        if (colon <= 0 || line.isEmpty() || line.length() > 9 || !line.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(line) == 0) {
            reporter.error(string, "expected the deciding statement as \"FILE:LINE\", got \"" + Clip.of(value) + "\"",
                    "e.g. at \"policy.acl:12\"; the file may be named by its last path components");
            return null;
        }
        return new PinnedLine(value.substring(0, colon), Integer.parseInt(line));
    }
}
