package io.topicguard.dsl.syntax;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Random sequences of valid statements, heavy on the ambiguous keywords, are cut as the grammar cuts them. */
class SplitterAgreesWithGrammarPropertyTest {

    private static final List<String> STATEMENTS = List.of(
            "default allow", "default deny", "anonymous allow", "anonymous deny", "on deny ignore",
            "on deny disconnect", "partial filter", "partial deny", "allow anonymous", "deny anonymous",
            "allow all", "deny not anonymous", "allow (anonymous)", "deny anonymous or anonymous",
            "allow anonymous and not anonymous to all any", "deny anonymous to publish \"a\" qos 0",
            "ban anonymous", "ban anonymous until \"2027-01-01\"", "superuser anonymous", "superuser not (anonymous)",
            "allow username \"deny\" to subscribe \"allow/#\"", "include \"x.acl\"",
            "deny all to publish, subscribe eq \"#\", any retain false", "client rules");

    @Provide
    Arbitrary<String> policy() {
        return Arbitraries.of(STATEMENTS).list().ofMaxSize(25)
                .flatMap(list -> Arbitraries.of(" ", "\n", "  # comment\n").list().ofSize(list.size()).map(seps -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < list.size(); i++) {
                        out.append(list.get(i)).append(seps.get(i));
                    }
                    return out.toString();
                }));
    }

    @Property(tries = 300)
    void validStatementSequencesAreCutWhereTheGrammarCutsThem(@ForAll("policy") String policy) {
        assertThat(SplitterAgreesWithGrammarTest.bySplitter(policy)).isEqualTo(SplitterAgreesWithGrammarTest.byGrammar(policy));
    }
}
