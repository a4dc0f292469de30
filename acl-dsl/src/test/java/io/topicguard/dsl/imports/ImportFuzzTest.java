package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/semantics.md, What the tests hold: every malformed file yields located diagnostics, never an exception. */
class ImportFuzzTest {

    @Property(tries = 400)
    void mosquittoImportNeverThrows(@ForAll("mosquittoLike") String text) {
        assertOnlyDiagnostics(PolicyImporter.parseString("acl", text, PolicyFormat.MOSQUITTO), text);
    }

    @Property(tries = 400)
    void emqxImportNeverThrows(@ForAll("emqxLike") String text) {
        assertOnlyDiagnostics(PolicyImporter.parseString("acl.conf", text, PolicyFormat.EMQX), text);
    }

    @Property(tries = 200)
    void anyTextInEitherFormatNeverThrows(@ForAll String text) {
        assertOnlyDiagnostics(PolicyImporter.parseString("acl", text, PolicyFormat.MOSQUITTO), text);
        assertOnlyDiagnostics(PolicyImporter.parseString("acl.conf", text, PolicyFormat.EMQX), text);
    }

    private static void assertOnlyDiagnostics(ImportResult result, String text) {
        List<Diagnostic> all = result.result() instanceof ParseResult.Failure failure ? failure.diagnostics() : List.of();
        assertThat(all).as(text).noneSatisfy(d -> assertThat(d.message()).contains("internal error"));
        assertThat(result.warnings()).allSatisfy(w -> assertThat(w.severity()).isEqualTo(Diagnostic.Severity.WARNING));
    }

    @Provide
    Arbitrary<String> mosquittoLike() {
        Arbitrary<String> word = Arbitraries.of("user", "topic", "pattern", "read", "write", "readwrite", "deny", "#", "a/#",
                "+", "a/+b", "%c", "%u", "$SYS/#", "$share/g/x", "${x}", "x", " ", "  ", "\t", "\n", "\r\n", "é", "\u0000");
        return word.list().ofMaxSize(25).map(words -> String.join("", words.stream().map(w -> w.isBlank() ? w : w + " ").toList()));
    }

    @Provide
    Arbitrary<String> emqxLike() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ",", ".", "allow", "deny", "all", "publish", "subscribe", "pubsub",
                "{user, \"u\"}", "{username, {re, \"(\"}}", "{re, \"^a\"}", "{ipaddr, \"10.0.0.0/8\"}", "{ipaddrs, [\"x\"]}",
                "'and'", "'or'", "{eq, \"#\"}", "\"eq a\"", "\"a/+\"", "\"${username}\"", "\"%c\"", "<<\"b\">>", "<<", ">>",
                "{qos, [0, 1, 3]}", "{retain, true}", "%% c\n", "\"", "'", "X", "42", "\\x{", " ", "\n");
        return token.list().ofMaxSize(30).map(tokens -> String.join(" ", tokens));
    }
}
