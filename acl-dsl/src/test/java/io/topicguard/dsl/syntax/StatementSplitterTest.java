package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class StatementSplitterTest {

    private static List<String> split(String text) {
        StatementSplitter splitter = new StatementSplitter(new PolicyGrammarLexer(CharStreams.fromString(text)));
        List<String> out = new ArrayList<>();
        for (StatementSplitter.Piece piece = splitter.next(); piece != null; piece = splitter.next()) {
            out.add(piece.tokens().stream().map(Token::getText).collect(Collectors.joining(" ")));
        }
        return out;
    }

    @Test
    void allowDenyAndAnonymousStartAStatementOnlyWhereTheGrammarSaysSo() {
        assertThat(split("default deny deny anonymous anonymous allow allow all on deny ignore partial deny deny all"))
                .containsExactly("default deny", "deny anonymous", "anonymous allow", "allow all", "on deny ignore",
                        "partial deny", "deny all");
        assertThat(split("allow not anonymous allow ( anonymous ) ban anonymous superuser anonymous or anonymous"))
                .containsExactly("allow not anonymous", "allow ( anonymous )", "ban anonymous", "superuser anonymous or anonymous");
        assertThat(split("default allow anonymous deny")).containsExactly("default allow", "anonymous deny");
    }

    @Test
    void anUnknownWordFirstOnItsLineStartsAStatementForRecovery() {
        assertThat(split("allow all @\nAllow all\nallow all to publish \"a\" oops"))
                .containsExactly("allow all @", "Allow", "allow all to publish \"a\" oops");
    }

    @Test
    void tokensAfterAnErrorTokenAreNotBuffered() {
        assertThat(split("allow all @ to publish \"x\"\ndeny all")).containsExactly("allow all @", "deny all");
    }
}
