package io.topicguard.testkit.reference;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle's own oracle: {@link ReferenceTopics#contains} and {@link ReferenceTopics#overlaps}
 * checked against their definitions by brute force. Which topics two filters match depends only on
 * each level being one of the filters' literals or something else, and on length up to one level
 * past the longer filter, so enumerating those topics decides both relations exactly.
 *
 * <p>The enumeration includes the empty string, which MQTT forbids as a topic name: the relations
 * are structural and treat it as a topic. That makes them conservative in two corner cases
 * ({@code "/#"} overlaps {@code "+"} only through {@code ""}; {@code "/+/#"} contains {@code "/#"}
 * except for {@code ""}), which can only turn ALLOW/DENY into PARTIAL, never the reverse.
 */
class ReferenceTopicsTest {

    private static final String[] LITERALS = {"a", "", "$s"};
    private static final List<String> TOPICS = topics(5);

    @Provide
    Arbitrary<String> filters() {
        Arbitrary<String> level = Arbitraries.of("a", "", "$s", "+");
        return level.list().ofMinSize(1).ofMaxSize(3).flatMap(levels -> Arbitraries.of(true, false).map(hash -> {
            List<String> all = new ArrayList<>(levels);
            if (hash) {
                all.add("#");
            }
            String f = String.join("/", all);
            return f.isEmpty() ? "#" : f;
        }));
    }

    @Property(tries = 200)
    void containsAndOverlapsAgreeWithEnumeratedTopics(@ForAll("filters") String rule, @ForAll("filters") String sub) {
        boolean everyMatchedByRule = true;
        boolean someMatchedByBoth = false;
        for (String topic : TOPICS) {
            boolean bySub = ReferenceTopics.matches(sub, topic);
            boolean byRule = ReferenceTopics.matches(rule, topic);
            everyMatchedByRule &= !bySub || byRule;
            someMatchedByBoth |= bySub && byRule;
        }
        assertThat(ReferenceTopics.contains(rule, sub)).as("%s contains %s", rule, sub).isEqualTo(everyMatchedByRule);
        assertThat(ReferenceTopics.overlaps(rule, sub)).as("%s overlaps %s", rule, sub).isEqualTo(someMatchedByBoth);
    }

    /** Every topic string of 1..maxLevels levels over the literals plus a fresh level with and without '$'. */
    private static List<String> topics(int maxLevels) {
        List<String> result = new ArrayList<>();
        List<String> current = new ArrayList<>(List.of(""));
        for (int n = 1; n <= maxLevels; n++) {
            List<String> next = new ArrayList<>();
            for (String prefix : current) {
                for (String level : LITERALS) {
                    next.add(n == 1 ? level : prefix + "/" + level);
                }
                next.add(n == 1 ? "z" : prefix + "/z");
                next.add(n == 1 ? "$z" : prefix + "/$z");
            }
            result.addAll(next);
            current = next;
        }
        return result;
    }

    @Property(tries = 1)
    void enumerationIsLargeEnoughToMatter() {
        assertThat(TOPICS).hasSizeGreaterThan(3_000);
    }
}
