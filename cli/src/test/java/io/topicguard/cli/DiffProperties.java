package io.topicguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.imports.NativePrinter;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.diff.AccessChanges;
import io.topicguard.engine.diff.StatementChanges;
import io.topicguard.testkit.policy.RandomPolicies;
import io.topicguard.testkit.reference.ReferenceEvaluator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code diff} against the reference evaluator: no change between a policy and its round trip
 * through the native printer ({@code convert}'s output), and every recorded query whose answer the
 * reference evaluator sees change between two policies is reported, and no other.
 */
class DiffProperties {

    private static final Clock CLOCK = Clock.fixed(RandomPolicies.NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PolicyAst parse(String name, String text) {
        ParseResult result = PolicyParser.parseString(name, text, null);
        assertThat(result).as("the printed policy parses:\n%s", text).isInstanceOf(ParseResult.Success.class);
        return ((ParseResult.Success) result).policy();
    }

    @Property(tries = 60)
    void aPolicyAndItsRoundTripThroughTheNativePrinterAnswerAlike(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        PolicyAst built = RandomPolicies.policy(r, 5 + r.nextInt(40));
        PolicyAst printed = parse("old.acl", NativePrinter.print(built));
        PolicyAst reprinted = parse("new.acl", NativePrinter.print(printed));

        // Printed twice, the text is the same statement for statement: nothing added, removed or moved.
        assertThat(StatementChanges.between(printed, reprinted).isEmpty()).isTrue();
        // The built AST's statement texts are the builder's own, so every statement differs as text;
        // every who-group is then compared, and no answer may change.
        StatementChanges statements = StatementChanges.between(built, printed);
        AccessChanges.Result access = AccessChanges.between(built, Policy.compile(built, CLOCK), printed, Policy.compile(printed, CLOCK), statements);
        assertThat(access.changes()).isEmpty();
    }

    @Property(tries = 60)
    void everyQueryTheReferenceSeesChangeIsReportedAndNoOther(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        PolicyAst before = RandomPolicies.policy(r, 5 + r.nextInt(30));
        PolicyAst after = mutated(before, r);
        Path queries = Files.createTempFile("diff-queries", ".jsonl");
        try {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                lines.add(query(r));
            }
            Files.write(queries, lines);

            QueryChanges.Result result = QueryChanges.between(queries, Policy.compile(before, CLOCK), Policy.compile(after, CLOCK));

            assertThat(result.malformed()).isEmpty();
            ReferenceEvaluator old = new ReferenceEvaluator(before, CLOCK);
            ReferenceEvaluator now = new ReferenceEvaluator(after, CLOCK);
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                CheckQuestion question = BatchQuery.parse(lines.get(i));
                if (answer(old, question).verdict() != answer(now, question).verdict()) {
                    expected.add(i + 1L);
                }
            }
            assertThat(result.changes()).extracting(QueryChanges.Change::line).containsExactlyElementsOf(expected);
        } finally {
            Files.delete(queries);
        }
    }

    /** The reference's answer as check asks: the connect decision first for publish and subscribe. */
    private static Decision answer(ReferenceEvaluator reference, CheckQuestion question) {
        Decision connect = reference.connect(question.client());
        if (question.kind() == CheckQuestion.Kind.CONNECT || !connect.allowed()) {
            return connect;
        }
        return question.kind() == CheckQuestion.Kind.PUBLISH
                ? reference.publish(question.client(), question.topic(), question.qos(), question.retain())
                : reference.subscribe(question.client(), question.topic(), question.qos());
    }

    /** A statement removed, two swapped, or a random rule inserted: the edits a review meets. */
    private static PolicyAst mutated(PolicyAst policy, Random r) {
        List<Statement> statements = new ArrayList<>(policy.statements());
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int kind = statements.size() < 2 ? 2 : r.nextInt(3);
            if (kind == 0) {
                statements.remove(r.nextInt(statements.size()));
            } else if (kind == 1) {
                Collections.swap(statements, r.nextInt(statements.size()), r.nextInt(statements.size()));
            } else {
                statements.add(r.nextInt(statements.size() + 1), RandomPolicies.rule(r, new SourcePosition("new.acl", 1000 + e, 1)));
            }
        }
        return new PolicyAst(statements, policy.files());
    }

    private static String query(Random r) {
        ClientInfo client = RandomPolicies.client(r);
        ObjectNode line = JSON.createObjectNode();
        if (client.username() != null) {
            line.put("username", client.username());
        }
        line.put("clientid", client.clientId());
        if (client.address() != null) {
            line.put("ip", client.address().getHostAddress());
        }
        if (client.commonName() != null) {
            line.put("cn", client.commonName());
        }
        if (client.listener() != null) {
            line.put("listener", client.listener());
        }
        switch (r.nextInt(3)) {
            case 0 -> line.put("action", "connect");
            case 1 -> line.put("action", "publish").put("topic", RandomPolicies.topicName(r)).put("qos", r.nextInt(3)).put("retain", r.nextBoolean());
            default -> line.put("action", "subscribe").put("topic", RandomPolicies.filter(r)).put("qos", r.nextInt(3));
        }
        return line.toString();
    }
}
