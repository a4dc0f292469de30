package io.topicguard.engine.trie;

import io.topicguard.testkit.reference.ReferenceTopics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's statement of filter containment, which the linter uses as is, against the
 * reference's independent one; placeholder levels, which the reference does not know, by example.
 */
class ContainmentAgreesWithReferenceProperties {

    @Provide
    Arbitrary<String> filters() {
        return Arbitraries.of("a", "", "$s", "+", "#").list().ofMinSize(1).ofMaxSize(4)
                .filter(levels -> !levels.subList(0, levels.size() - 1).contains("#"))
                .map(levels -> String.join("/", levels));
    }

    @Property(tries = 1000)
    void agreesWithReference(@ForAll("filters") String rule, @ForAll("filters") String subscription) {
        assertThat(Containment.contains(rule, subscription)).as("%s contains %s", rule, subscription)
                .isEqualTo(ReferenceTopics.contains(rule, subscription));
    }

    @Example
    void placeholderLevelIsContainedOnlyByAWildcardOrItself() {
        assertThat(Containment.contains("a/${username}", "a/${username}")).isTrue();
        assertThat(Containment.contains("a/+", "a/${username}")).isTrue();
        assertThat(Containment.contains("a/${clientid}", "a/${username}")).isFalse();
        assertThat(Containment.contains("a/bob", "a/${username}")).isFalse();
        assertThat(Containment.contains("a/${username}", "a/bob")).isFalse();
    }

    @Example
    void firstLevelPlaceholderMayStartWithDollar() {
        assertThat(Containment.contains("+/a", "${username}/a")).isFalse();
        assertThat(Containment.contains("#", "${username}/a")).isFalse();
        assertThat(Containment.contains("${username}/#", "${username}/a")).isTrue();
    }
}
