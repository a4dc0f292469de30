package io.topicguard.dsl;

import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Statement;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Test helpers: parse a policy given as text and insist on success or failure. */
final class Parsing {

    static final String NAME = "policy.acl";

    private Parsing() {
    }

    static PolicyAst policy(String text) {
        ParseResult result = PolicyParser.parseString(NAME, text, null);
        if (result instanceof ParseResult.Failure failure) {
            fail("expected the policy to parse, got:\n" + failure.diagnostics().stream()
                    .map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
        return ((ParseResult.Success) result).policy();
    }

    static Statement statement(String text) {
        List<Statement> statements = policy(text).statements();
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    static RuleStatement rule(String text) {
        return (RuleStatement) statement(text);
    }

    static List<Diagnostic> errors(String text) {
        ParseResult result = PolicyParser.parseString(NAME, text, null);
        if (result instanceof ParseResult.Success success) {
            fail("expected errors, but the policy parsed to " + success.policy().statements());
        }
        return ((ParseResult.Failure) result).diagnostics();
    }

    static Diagnostic onlyError(String text) {
        List<Diagnostic> errors = errors(text);
        assertThat(errors).as(() -> errors.stream().map(Diagnostic::format).collect(Collectors.joining("\n"))).hasSize(1);
        return errors.get(0);
    }
}
