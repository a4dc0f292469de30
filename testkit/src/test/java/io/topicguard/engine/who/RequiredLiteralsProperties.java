package io.topicguard.engine.who;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequiredLiterals} is conservative: whenever RE2/J finds a match of a pattern in a string,
 * the string contains one of the literals extracted from the pattern. Patterns are glued from
 * pieces chosen to hit every construct the extractor reads or refuses (quantifiers after
 * literals, groups, classes, alternations, flags, escapes, supplementary characters); strings from
 * the same alphabet, so that matches are frequent.
 */
class RequiredLiteralsProperties {

    private static final String[] PATTERN_PIECES = {"a", "b", "c", "ab", "bc", "A", ".", "*", "+", "?", "{0,2}", "{2}",
        "{1,}", "{00}", "{", "}", "(", ")", "(?:", "(?P<n>", "[ab]", "[^a]", "[]a]", "[[:alpha:]]", "|", "^", "$", "\\d",
        "\\.", "\\w", "\\b", "\\n", "\\x61", "\\141", "\\pL", "\\Qa\\E", "(?i)", "(?i:", "(?s)", "é", "😀", "-", "\\-", "\\$", "\\\\"};
    private static final String[] TEXT_PIECES = {"a", "b", "c", "A", "B", ".", "1", "\n", "é", "😀", "{", "}", "-", "ab", "$", "\\", "^"};

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(PATTERN_PIECES).list().ofMinSize(1).ofMaxSize(7).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 3000)
    void everyStringWithAMatchContainsALiteral(@ForAll("patterns") String pattern, @ForAll long seed) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            Assume.that(false);
            return;
        }
        List<String> literals = RequiredLiterals.of(pattern);
        Statistics.label("literal known").collect(literals != null);
        if (literals == null) {
            return;
        }
        assertThat(literals).allSatisfy(l -> assertThat(l).isNotEmpty().hasSizeLessThanOrEqualTo(RequiredLiterals.MAX_LENGTH));
        Random r = new Random(seed);
        boolean matchedAny = false;
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = r.nextInt(9); n > 0; n--) {
                text.append(TEXT_PIECES[r.nextInt(TEXT_PIECES.length)]);
            }
            String s = text.toString();
            if (compiled.matcher(s).find()) {
                matchedAny = true;
                assertThat(literals.stream().anyMatch(s::contains))
                        .as("RE2 finds %s in %s, which contains none of %s", pattern, s, literals).isTrue();
            }
        }
        Statistics.label("some string matched").collect(matchedAny);
    }

    /** Mostly literals, anchored or not, with now and then a piece that makes the pattern not plain. */
    @Provide
    Arbitrary<String> plainPatterns() {
        Arbitrary<String> body = Arbitraries.of("a", "b", "ab", "-", "\\-", "\\.", "\\$", "\\\\", "é", "😀", "{", "$", "^", ".")
                .list().ofMaxSize(4).map(pieces -> String.join("", pieces));
        return net.jqwik.api.Combinators.combine(Arbitraries.of("", "^"), body, Arbitraries.of("", "$"))
                .as((start, middle, end) -> start + middle + end);
    }

    @Property(tries = 2000)
    void aPlainPatternFindsWhatRe2Finds(@ForAll("plainPatterns") String pattern, @ForAll long seed) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            Assume.that(false);
            return;
        }
        RequiredLiterals.PlainPattern plain = RequiredLiterals.plain(pattern);
        Statistics.label("plain").collect(plain != null);
        Assume.that(plain != null);
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = r.nextInt(9); n > 0; n--) {
                text.append(TEXT_PIECES[r.nextInt(TEXT_PIECES.length)]);
            }
            String s = text.toString();
            assertThat(plain.find(s)).as("%s (%s) in %s", pattern, plain, s).isEqualTo(compiled.matcher(s).find());
        }
    }

    @Example
    void readsTheLiteralsOfCommonPatterns() {
        assertThat(RequiredLiterals.of("^ops-7-")).containsExactly("ops-7-");
        assertThat(RequiredLiterals.of("^sensor-[0-9]+$")).containsExactly("sensor-");
        assertThat(RequiredLiterals.of("ab*cd")).containsExactly("cd");
        assertThat(RequiredLiterals.of("ab+cd")).containsExactly("ab");
        assertThat(RequiredLiterals.of("^(dev|test)-box\\.example$")).containsExactly("-box.example");
        assertThat(RequiredLiterals.of("a|bc")).containsExactly("a", "bc");
        assertThat(RequiredLiterals.of("x{0,3}yz")).containsExactly("yz");
        assertThat(RequiredLiterals.of("x" .repeat(40))).containsExactly("x".repeat(RequiredLiterals.MAX_LENGTH));
    }

    @Example
    void refusesWhatItCannotRead() {
        assertThat(RequiredLiterals.of("(?i)admin")).isNull();
        assertThat(RequiredLiterals.of("\\x61dmin")).isNull();
        assertThat(RequiredLiterals.of("\\Qa.b\\E")).isNull();
        assertThat(RequiredLiterals.of("a|.*")).isNull();
        assertThat(RequiredLiterals.of("[a-z]+")).isNull();
        assertThat(RequiredLiterals.of("")).isNull();
        assertThat(RequiredLiterals.plain("^a.b")).isNull();
        assertThat(RequiredLiterals.plain("a\\d")).isNull();
    }
}
