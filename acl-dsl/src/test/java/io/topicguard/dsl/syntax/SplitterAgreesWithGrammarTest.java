package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import io.topicguard.dsl.grammar.PolicyGrammarParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The splitter's claim: on valid input it cuts exactly where the grammar's whole-file rule
 * {@code policy} puts statement boundaries, including where allow/deny/anonymous are ambiguous.
 */
class SplitterAgreesWithGrammarTest {

    static List<String> byGrammar(String text) {
        CommonTokenStream tokens = new CommonTokenStream(new PolicyGrammarLexer(CharStreams.fromString(text)));
        PolicyGrammarParser parser = new PolicyGrammarParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        return parser.policy().statement().stream()
                .map(s -> tokens.getTokens(s.getStart().getTokenIndex(), s.getStop().getTokenIndex()).stream()
                        .map(Token::getText).collect(Collectors.joining(" ")))
                .toList();
    }

    static List<String> bySplitter(String text) {
        StatementSplitter splitter = new StatementSplitter(new PolicyGrammarLexer(CharStreams.fromString(text)));
        List<String> out = new ArrayList<>();
        for (StatementSplitter.Piece piece = splitter.next(); piece != null; piece = splitter.next()) {
            out.add(piece.tokens().stream().map(Token::getText).collect(Collectors.joining(" ")));
        }
        return out;
    }

    @Test
    void theLanguageExampleIsCutWhereTheGrammarCutsIt() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/language-example/policy.acl")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(bySplitter(text)).isEqualTo(byGrammar(text)).hasSize(12);
    }

    @Test
    void ambiguousKeywordsAreCutWhereTheGrammarCutsThem() {
        String text = "default deny deny anonymous anonymous allow allow anonymous allow not anonymous "
                + "on deny ignore deny all partial deny deny (anonymous or anonymous) ban anonymous "
                + "anonymous deny superuser anonymous deny anonymous to all any anonymous allow";
        assertThat(bySplitter(text)).isEqualTo(byGrammar(text)).hasSize(14);
    }
}
