package io.topicguard.broker.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {

    @Test
    void multiLevelWildcardMatchesTheParentLevel() {
        assertThat(TopicFilters.matches("a/#", "a")).isTrue();
        assertThat(TopicFilters.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicFilters.matches("a/+", "a")).isFalse();
        assertThat(TopicFilters.matches("a/+", "a/b/c")).isFalse();
    }

    @Test
    void dollarTopicsAreNotMatchedByLeadingWildcards() {
        assertThat(TopicFilters.matches("#", "$SYS/x")).isFalse();
        assertThat(TopicFilters.matches("+/x", "$SYS/x")).isFalse();
        assertThat(TopicFilters.matches("$SYS/+", "$SYS/x")).isTrue();
    }

    @Test
    void sharedSubscriptionIsSplitIntoGroupAndFilter() {
        assertThat(TopicFilters.shared("$share/g/a/+")).isEqualTo(new TopicFilters.Shared("g", "a/+"));
        assertThat(TopicFilters.shared("a/b")).isNull();
        assertThat(TopicFilters.shared("$share/g")).isNull();
        assertThat(TopicFilters.shared("$share//a")).isNull();
        assertThat(TopicFilters.shared("$share/g+/a")).isNull();
    }
}
