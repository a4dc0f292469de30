package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** TG110: every qos or retain option of a rule, allow or deny, in whichever file, is one located warning. */
class MosquittoLintTest {

    @Test
    void everyRuleWithAQosOrRetainOptionWarnsAtItsLineAndNoOtherRuleDoes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tenant.acl"), "allow all to publish \"t/#\" retain false\n");
        Path main = Files.writeString(dir.resolve("policy.acl"), """
                default deny
                allow all to publish "telemetry/#" qos 0..1
                deny all to publish "commands/#" qos 2 retain true
                allow all to subscribe "fanout/#"
                allow username "config" to all "config/#" retain true
                include "tenant.acl"
                superuser username "admin"
                """);
        PolicyAst policy = ((ParseResult.Success) PolicyParser.parseFile(main)).policy();

        List<Diagnostic> warnings = MosquittoLint.unenforcedOptions(policy);

        assertThat(warnings).extracting(d -> Path.of(d.position().file()).getFileName() + ":" + d.position().line())
                .containsExactly("policy.acl:2", "policy.acl:3", "policy.acl:5", "tenant.acl:1");
        assertThat(warnings).extracting(Diagnostic::message).allSatisfy(m -> assertThat(m).endsWith(
                " not enforced: the service decides as if every message were QoS 0 and not retained"));
        assertThat(warnings.get(0).message()).contains("this rule's qos option is not");
        assertThat(warnings.get(1).message()).contains("this rule's qos and retain options are not");
        assertThat(warnings.get(2).message()).contains("this rule's retain option is not");
        assertThat(warnings.get(0).sourceLine()).isEqualTo("allow all to publish \"telemetry/#\" qos 0..1");
        assertThat(warnings).extracting(DiagnosticCode::of).containsOnly(DiagnosticCode.UNENFORCED_FOR_MOSQUITTO);
    }

    @Test
    void aPolicyWithoutOptionsHasNothingToWarnAbout() {
        PolicyAst policy = ((ParseResult.Success) PolicyParser.parseString("p.acl",
                "allow all to all \"#\"\ndeny username \"x\" to publish \"a\"\n", null)).policy();
        assertThat(MosquittoLint.unenforcedOptions(policy)).isEmpty();
    }
}
