package io.topicguard.engine.trie;

import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A who-group of one filter keeps its chain in the {@link TopicIndex} itself, without trie nodes,
 * and answers with walks of its own: they must answer as the trie walks do. Each group is
 * compiled alone and beside a filter under another first level of a rule that applies to nothing
 * (which makes a real trie without changing an answer); every publish, containment and overlap
 * question gets the same answer.
 */
class OneChainIndexTest {

    private static final SourcePosition AT = new SourcePosition("t.acl", 1, 1);
    private static final PlaceholderValues VALUES = new PlaceholderValues("u", "c", null);
    /** Rule 0 applies to this bit only ({@link OptionBits}); every other rule to every bit. */
    private static final int FIRST_RULES_BIT = 0;

    private static final List<String> QUESTIONS = List.of(
            "fleet/u/x/telemetry", "fleet/u/x/telemetry/more", "fleet/u", "fleet/u/x", "fleet", "fleet/u/x/telemetr",
            "fleet/u/x/telemetryy", "#", "+", "+/#", "+/+", "fleet/#", "fleet/+/x/#", "fleet/u/+/telemetry",
            "fleet/u/#", "+/u/+/+", "fleet/u/+/#", "fleet/u/+/+", "fleet/+/+/+/#", "$SYS/x/y", "$SYS/#", "$SYS/+/y",
            "+/x/+", "+/x/y", "a/b/c", "a/+/c", "a/b", "a/b/c/d", "a/#", "/a", "/+", "/#", "a//b", "a/+/", "a//",
            "a/b/", "a");

    /** Rule {@code i} has filter {@code filters[i]}; even rules allow, odd ones deny; see {@link #FIRST_RULES_BIT}. */
    private static TopicIndex.Builder group(String... filters) {
        TopicIndex.Builder builder = new TopicIndex.Builder(new LevelInterner());
        for (int i = 0; i < filters.length; i++) {
            builder.add(new Topic.Filter(filters[i], AT), new CompiledRule(i, i % 2 == 0, i == 0 ? 1 << FIRST_RULES_BIT : -1, null));
        }
        return builder;
    }

    private static int ordinal(CompiledRule rule) {
        return rule == null ? -1 : rule.ordinal();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fleet/u/+/telemetry", "fleet/u/+/+", "a/b/c", "a/+/c", "a", "$SYS/x/+", "$SYS/+/y",
            "/a", "/+", "a//b", "a/+/", "a/b/", "a/b", "a/", "fleet/+/x/+/y",
            "site/dev-5/#", "a/#", "$SYS/#", "/#", "a/+/#", "a//#",
            "a/b,a/b/#", "a/b/#,a/b", "a/+/c,a/+/c/#,a/+/c"})
    void aGroupOfOneChainAnswersAsTheTrieDoes(String filters) {
        TopicIndex alone = group(filters.split(",")).build();
        TopicIndex inTrie = group(filters.split(","))
                .add(new Topic.Filter("zz-other/q", AT), new CompiledRule(99, false, 0, null)).build();
        for (int bit : new int[] {FIRST_RULES_BIT, FIRST_RULES_BIT + 1}) {
            for (String question : QUESTIONS) {
                ask(alone, inTrie, filters, question, bit);
            }
        }
    }

    private static void ask(TopicIndex alone, TopicIndex inTrie, String filters, String question, int bit) {
        String as = filters + " (bit " + bit + ")";
        if (!question.contains("+") && !question.contains("#")) {
            assertThat(Match.rule(alone.firstMatch(question, question, bit, VALUES, Match.NO_RULE)))
                    .as("publish %s under %s", question, as)
                    .isEqualTo(Match.rule(inTrie.firstMatch(question, question, bit, VALUES, Match.NO_RULE)));
        }
        String walked = question.equals("#") ? "+/#" : question;
        CompiledRule containing = alone.firstContaining(walked, question, bit, VALUES, null);
        CompiledRule containingInTrie = inTrie.firstContaining(walked, question, bit, VALUES, null);
        assertThat(ordinal(containing)).as("%s contained by %s", question, as).isEqualTo(ordinal(containingInTrie));
        long none = OverlapBounds.of(Integer.MAX_VALUE);
        assertThat(alone.overlapping(walked, question, bit, VALUES, none))
                .as("%s overlapping %s", question, as)
                .isEqualTo(inTrie.overlapping(walked, question, bit, VALUES, none));
    }
}
