package io.topicguard.engine.trie;

import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A who-group of one filter keeps its chain in the {@link TopicIndex} itself, without trie nodes,
 * and answers with walks of its own: they must answer as the trie walks do. Each filter is
 * compiled alone and beside an unrelated filter under another first level (which makes a real
 * trie); every publish, containment and overlap question about the first rule gets the same answer.
 */
class OneChainIndexTest {

    private static final SourcePosition AT = new SourcePosition("t.acl", 1, 1);
    private static final PlaceholderValues VALUES = new PlaceholderValues("u", "c", null);
    private static final int BIT = 0;

    private static final List<String> QUESTIONS = List.of(
            "fleet/u/x/telemetry", "fleet/u/x/telemetry/more", "fleet/u", "fleet/u/x", "fleet", "fleet/u/x/telemetr",
            "fleet/u/x/telemetryy", "#", "+", "+/#", "+/+", "fleet/#", "fleet/+/x/#", "fleet/u/+/telemetry",
            "fleet/u/#", "+/u/+/+", "fleet/u/+/#", "fleet/u/+/+", "fleet/+/+/+/#", "$SYS/x/y", "$SYS/#", "$SYS/+/y",
            "+/x/+", "+/x/y", "a/b/c", "a/+/c", "a/b", "a/b/c/d", "a/#", "/a", "/+", "/#", "a//b", "a/+/", "a//",
            "a/b/", "a", "");

    private static TopicIndex index(String... filters) {
        TopicIndex.Builder builder = new TopicIndex.Builder(new LevelInterner());
        for (int i = 0; i < filters.length; i++) {
            builder.add(new Topic.Filter(filters[i], AT), new CompiledRule(i, i == 0, -1, null));
        }
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fleet/u/+/telemetry", "fleet/u/+/+", "a/b/c", "a/+/c", "a", "$SYS/x/+", "$SYS/+/y",
            "/a", "/+", "a//b", "a/+/", "a/b/", "a/b", "a/", "fleet/+/x/+/y"})
    void oneFilterAnswersAsTheTrieDoes(String filter) {
        TopicIndex alone = index(filter);
        TopicIndex inTrie = index(filter, "zz-other/q");
        for (String question : QUESTIONS) {
            if (question.isEmpty()) {
                continue;
            }
            if (!question.contains("+") && !question.contains("#")) {
                assertThat(Match.rule(alone.firstMatch(question, question, BIT, VALUES, Match.NO_RULE)))
                        .as("publish %s under %s", question, filter)
                        .isEqualTo(Match.rule(inTrie.firstMatch(question, question, BIT, VALUES, Match.NO_RULE)));
            }
            String walked = question.equals("#") ? "+/#" : question;
            CompiledRule containing = alone.firstContaining(walked, question, BIT, VALUES, null);
            CompiledRule containingInTrie = inTrie.firstContaining(walked, question, BIT, VALUES, null);
            assertThat(containing != null && containing.ordinal() == 0)
                    .as("%s contained by %s", question, filter)
                    .isEqualTo(containingInTrie != null && containingInTrie.ordinal() == 0);
            long none = OverlapBounds.of(Integer.MAX_VALUE);
            assertThat(OverlapBounds.allow(alone.overlapping(walked, question, BIT, VALUES, none)))
                    .as("%s overlapping %s", question, filter)
                    .isEqualTo(OverlapBounds.allow(inTrie.overlapping(walked, question, BIT, VALUES, none)));
        }
    }
}
