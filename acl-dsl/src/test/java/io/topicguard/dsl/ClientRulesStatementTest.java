package io.topicguard.dsl;

import io.topicguard.dsl.ast.ClientRulesStatement;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.imports.NativePrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.topicguard.dsl.Parsing.onlyError;
import static io.topicguard.dsl.Parsing.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/language.md, Client rules: where carried rules are evaluated, written once per policy. */
class ClientRulesStatementTest {

    @TempDir
    Path dir;

    @Test
    void theStatementKeepsItsPlaceAmongTheRules() {
        PolicyAst ast = policy("""
                deny all to publish "admin/#"
                client rules   # what the token says
                allow all to subscribe "public/#"
                """);
        assertThat(ast.statements()).hasSize(3);
        assertThat(ast.statements().get(0)).isInstanceOf(RuleStatement.class);
        assertThat(ast.statements().get(1)).isEqualTo(new ClientRulesStatement(new SourcePosition(Parsing.NAME, 2, 1), "client rules"));
        assertThat(ast.clientRules()).get().isSameAs(ast.statements().get(1));
        assertThat(policy("allow all").clientRules()).isEmpty();
    }

    @Test
    void itStartsAStatementWhereverItIsWritten() {
        PolicyAst ast = policy("allow all to publish \"a\" client rules deny all");
        assertThat(ast.statements()).hasSize(3);
        assertThat(ast.statements().get(1)).isInstanceOf(ClientRulesStatement.class);
    }

    @Test
    void aSecondStatementIsAnErrorNamingTheFirst() {
        Diagnostic error = onlyError("client rules\nallow all\nclient rules\n");
        assertThat(error.position().line()).isEqualTo(3);
        assertThat(error.message()).isEqualTo("'client rules' is written twice; first written at line 1");
    }

    @Test
    void aSecondStatementInAnIncludedFileNamesTheFirstOnesFile() throws Exception {
        Path main = Files.writeString(dir.resolve("main.acl"), "client rules\ninclude \"more.acl\"\n");
        Files.writeString(dir.resolve("more.acl"), "allow all\nclient rules\n");
        Diagnostic error = ((ParseResult.Failure) PolicyParser.parseFile(main)).diagnostics().get(0);
        assertThat(error.position().toString()).isEqualTo(dir.resolve("more.acl") + ":2:1");
        assertThat(error.message()).isEqualTo("'client rules' is written twice; first written at " + main + ":1");
    }

    @Test
    void halfAStatementSaysWhatIsMissing() {
        assertThat(onlyError("client\nallow all").message()).isEqualTo("expected 'rules' after 'client'");
        assertThat(onlyError("client rule").message()).startsWith("expected 'rules' after 'client', found unknown word 'rule'");
    }

    @Test
    void thePrinterWritesItBack() {
        PolicyAst ast = policy("allow all to publish \"a\"\nclient rules\n");
        String printed = NativePrinter.print(ast);
        assertThat(printed).contains("\nclient rules\n");
        assertThat(policy(printed).statements().get(1)).isInstanceOf(ClientRulesStatement.class);
    }
}
