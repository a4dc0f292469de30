package io.topicguard.jmh.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoundPlanTest {

    private static final List<Integer> RULES = List.of(1, 1000, 10000, 100000);

    @Test
    void mosquittoRunsInItsFirstRoundsOnly() {
        RoundPlan plan = RoundPlan.of(7, 3, 7, RULES);
        assertThat(plan.runs("mosquitto", 10000, 3)).isTrue();
        assertThat(plan.runs("mosquitto", 10000, 4)).isFalse();
        assertThat(plan.runs("topicguard", 10000, 7)).isTrue();
        assertThat(plan.total()).isEqualTo(7);
    }

    @Test
    void extraComparisonRoundsRunTopicguardAtTheFewestAndMostRulesOnly() {
        RoundPlan plan = RoundPlan.of(7, 3, 13, RULES);
        assertThat(plan.total()).isEqualTo(13);
        for (int round : new int[] {1, 7}) {
            for (int rules : RULES) {
                assertThat(plan.runs("topicguard", rules, round)).as("%d rules, round %d", rules, round).isTrue();
            }
        }
        assertThat(plan.runs("topicguard", 1, 8)).isTrue();
        assertThat(plan.runs("topicguard", 100000, 13)).isTrue();
        assertThat(plan.runs("topicguard", 100000, 14)).isFalse();
        assertThat(plan.runs("topicguard", 1000, 8)).isFalse();
        assertThat(plan.runs("topicguard", 10000, 13)).isFalse();
        assertThat(plan.runs("mosquitto", 1, 8)).isFalse();
    }

    @Test
    void fewerComparisonRoundsThanRoundsStillRunEveryConfigurationInEveryRound() {
        // Every configuration runs in all --rounds; --comparison-rounds can only add rounds.
        RoundPlan plan = RoundPlan.of(5, 9, 2, RULES);
        assertThat(plan.total()).isEqualTo(5);
        assertThat(plan.runs("topicguard", 1, 5)).isTrue();
        assertThat(plan.runs("mosquitto", 1, 5)).as("mosquitto's rounds are capped at --rounds").isTrue();
        assertThat(plan.runs("mosquitto", 1, 6)).isFalse();
    }
}
