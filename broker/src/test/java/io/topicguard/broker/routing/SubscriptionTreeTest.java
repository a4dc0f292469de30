package io.topicguard.broker.routing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTreeTest {

    private final SubscriptionTree tree = new SubscriptionTree();

    private List<String> matchingFilters(String topic) {
        return tree.match(topic).subscriptions().stream().map(Subscription::filter).sorted().toList();
    }

    private void subscribe(String clientId, String filter) {
        tree.add(Subscription.simple(clientId, filter, 1, false));
    }

    @Test
    void wildcardsMatchPerMqttRules() {
        for (String f : List.of("a/b", "a/+", "a/#", "#", "+/b", "a/+/c", "+", "a/b/#")) {
            subscribe("c-" + f, f);
        }
        assertThat(matchingFilters("a/b")).containsExactly("#", "+/b", "a/#", "a/+", "a/b", "a/b/#");
        assertThat(matchingFilters("a")).containsExactly("#", "+", "a/#");
        assertThat(matchingFilters("a/x/c")).containsExactly("#", "a/#", "a/+/c");
    }

    @Test
    void leadingWildcardsDoNotMatchDollarTopics() {
        subscribe("1", "#");
        subscribe("2", "+/x");
        subscribe("3", "$SYS/#");
        subscribe("4", "$SYS/+");
        assertThat(matchingFilters("$SYS/x")).containsExactly("$SYS/#", "$SYS/+"); // MQTT-4.7.2-1
    }

    @Test
    void emptyLevelsAreLevels() {
        subscribe("1", "a//b");
        subscribe("2", "a/+/b");
        subscribe("3", "/#");
        assertThat(matchingFilters("a//b")).containsExactly("a/+/b", "a//b");
        assertThat(matchingFilters("/x")).containsExactly("/#");
    }

    @Test
    void resubscribingReplacesTheSubscription() {
        tree.add(Subscription.simple("c", "a/b", 0, false));
        tree.add(Subscription.simple("c", "a/b", 2, false));
        assertThat(tree.match("a/b").subscriptions()).singleElement().extracting(Subscription::qos).isEqualTo(2);
    }

    @Test
    void removalPrunesEmptyBranches() {
        Subscription s = Subscription.simple("c", "a/b/c/d", 1, false);
        tree.add(s);
        assertThat(tree.nodeCount()).isEqualTo(5);
        assertThat(tree.remove(s)).isTrue();
        assertThat(tree.nodeCount()).isEqualTo(1);
        assertThat(tree.remove(s)).isFalse();
    }

    @Test
    void removingAFilterEndingWhereOnlyLongerFiltersEndIsFalseAndKeepsThem() {
        subscribe("c", "a/b");
        tree.add(new Subscription("d", "$share/g/a/b", "a/b", "g", 1, false, false, 0, 0, false));
        // "a" holds children only, "a/b" a subscriber and a group: removing what is not there changes nothing.
        assertThat(tree.remove(Subscription.simple("c", "a", 1, false))).isFalse();
        assertThat(tree.remove(new Subscription("c", "$share/g/a", "a", "g", 1, false, false, 0, 0, false))).isFalse();
        assertThat(tree.remove(Subscription.simple("x", "a/b", 1, false))).isFalse();
        assertThat(matchingFilters("a/b")).containsExactly("a/b");
        assertThat(tree.match("a/b").groups()).hasSize(1);
        assertThat(tree.nodeCount()).isEqualTo(3);
    }

    @Test
    void sharedSubscriptionsFormOneGroupPerName() {
        tree.add(new Subscription("a", "$share/g/t/+", "t/+", "g", 1, false, false, 0, 0, false));
        tree.add(new Subscription("b", "$share/g/t/+", "t/+", "g", 1, false, false, 0, 0, false));
        tree.add(new Subscription("c", "$share/h/t/+", "t/+", "h", 1, false, false, 0, 0, false));
        SubscriptionTree.Matches m = tree.match("t/x");
        assertThat(m.subscriptions()).isEmpty();
        assertThat(m.groups()).extracting(SharedGroup::name).containsExactlyInAnyOrder("g", "h");
        SharedGroup g = m.groups().stream().filter(x -> x.name().equals("g")).findFirst().orElseThrow();
        assertThat(g.nextRotation().get(0).clientId()).isNotEqualTo(g.nextRotation().get(0).clientId());
    }

    @Property(tries = 300)
    void treeAgreesWithPairwiseMatching(@ForAll("filters") List<String> filters, @ForAll("topics") String topic) {
        SubscriptionTree t = new SubscriptionTree();
        for (int i = 0; i < filters.size(); i++) {
            t.add(Subscription.simple("c" + i, filters.get(i), 0, false));
        }
        List<String> expected = filters.stream().filter(f -> TopicFilters.matches(f, topic)).sorted().toList();
        List<String> actual = t.match(topic).subscriptions().stream().map(Subscription::filter).sorted().toList();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void manySubscribersOfOneFilterNeedNoGroupingButOneClientOnTwoFiltersDoes() {
        subscribe("a", "f/#");
        subscribe("b", "f/#");
        assertThat(tree.match("f/x").onePerClient()).isTrue();
        subscribe("a", "f/+");
        assertThat(tree.match("f/x").onePerClient()).as("a matches through f/# and f/+").isFalse();
    }

    @Property(tries = 300)
    void onePerClientOnlyWhenNoClientMatchesTwice(@ForAll("filters") List<String> filters, @ForAll("topics") String topic) {
        SubscriptionTree t = new SubscriptionTree();
        for (int i = 0; i < filters.size(); i++) {
            t.add(Subscription.simple("c" + (i % 2), filters.get(i), 0, false));
        }
        SubscriptionTree.Matches m = t.match(topic);
        if (m.onePerClient()) {
            assertThat(m.subscriptions().stream().map(Subscription::clientId).distinct().count())
                    .as("clients of %s", m.subscriptions()).isEqualTo(m.subscriptions().size());
        }
    }

    @Provide
    Arbitrary<List<String>> filters() {
        Arbitrary<String> level = Arbitraries.of("a", "b", "$s", "", "+");
        return level.list().ofMinSize(1).ofMaxSize(4)
                .flatMap(levels -> Arbitraries.of(true, false).map(hash -> String.join("/", levels) + (hash ? "/#" : "")))
                .map(f -> f.equals("/#") ? "#" : f)
                .list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.of("a", "b", "$s", "").list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("/", l));
    }
}
