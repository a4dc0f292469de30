package io.topicguard.dsl;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TopicSyntax#validName} (the one-pass check every PUBLISH pays) accepts exactly the names
 * {@link TopicSyntax#nameProblem} finds nothing wrong with.
 */
class TopicNameValidityPropertyTest {

    @Provide
    Arbitrary<String> names() {
        // Characters around every boundary the check cares about: NUL, '#', '+', ',' (the first
        // character the fast comparison lets through), '/', '$', both halves of surrogate pairs.
        Arbitrary<Character> edge = Arbitraries.of('\0', '#', '+', ',', '*', '/', '$', 'a', 'é', '\uD83D', '\uDE00',
                '\uDBFF', '\uDC00', '\uD7FF', '\uE000', '\uFFFF');
        Arbitrary<Character> any = Arbitraries.chars().all();
        return Arbitraries.oneOf(edge, any).list().ofMaxSize(12).map(TopicNameValidityPropertyTest::join);
    }

    @Property(tries = 5000)
    void validNameAgreesWithNameProblem(@ForAll("names") String name) {
        assertThat(TopicSyntax.validName(name)).as(name).isEqualTo(TopicSyntax.nameProblem(name) == null);
    }

    @Example
    void edgeCases() {
        assertThat(TopicSyntax.validName(null)).isFalse();
        assertThat(TopicSyntax.validName("")).isFalse();
        assertThat(TopicSyntax.validName("/")).isTrue();
        assertThat(TopicSyntax.validName("a/b+")).isFalse();
        assertThat(TopicSyntax.validName("a/#")).isFalse();
        assertThat(TopicSyntax.validName("\uD83D\uDE00/x")).isTrue();
        assertThat(TopicSyntax.validName("x\uD83D")).isFalse();
        String longest = "a".repeat(TopicSyntax.MAX_UTF8_BYTES);
        assertThat(TopicSyntax.validName(longest)).isTrue();
        assertThat(TopicSyntax.validName(longest + "a")).isFalse();
        assertThat(TopicSyntax.validName("é".repeat(TopicSyntax.MAX_UTF8_BYTES / 2 + 1))).isFalse();
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder s = new StringBuilder(chars.size());
        chars.forEach(s::append);
        return s.toString();
    }
}
