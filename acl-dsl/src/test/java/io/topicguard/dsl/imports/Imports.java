package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/** Test helpers: import text and insist on success or failure. */
final class Imports {

    private Imports() {
    }

    static ImportResult of(String name, String text, PolicyFormat format) {
        return PolicyImporter.parseString(name, text, format);
    }

    static PolicyAst policy(String name, String text, PolicyFormat format) {
        ImportResult result = of(name, text, format);
        if (result.result() instanceof ParseResult.Failure failure) {
            fail("expected the import to succeed, got:\n" + format(failure.diagnostics()));
        }
        return ((ParseResult.Success) result.result()).policy();
    }

    static List<RuleStatement> rules(String name, String text, PolicyFormat format) {
        return policy(name, text, format).rules();
    }

    static List<Diagnostic> errors(String name, String text, PolicyFormat format) {
        ImportResult result = of(name, text, format);
        if (result.result() instanceof ParseResult.Success success) {
            fail("expected errors, but the import gave " + success.policy().statements());
        }
        return ((ParseResult.Failure) result.result()).diagnostics();
    }

    /** Each rule printed in native syntax, for readable expectations. */
    static List<String> printed(String name, String text, PolicyFormat format) {
        return policy(name, text, format).statements().stream().map(NativePrinter::statement).toList();
    }

    static String format(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
    }
}
