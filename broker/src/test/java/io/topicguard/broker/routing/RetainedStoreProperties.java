package io.topicguard.broker.routing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The retained-message tree answers every filter exactly as a scan of every retained topic with MQTT's matching rules would. */
class RetainedStoreProperties {

    /** A retained PUBLISH: a topic and whether its payload is empty (which clears the topic). */
    record Update(String topic, boolean clear) {
    }

    @Property
    void treeLookupEqualsALinearScan(@ForAll("updates") List<Update> updates, @ForAll("filters") List<String> filters) {
        RetainedStore store = new RetainedStore();
        Map<String, Message> reference = new HashMap<>();
        for (Update u : updates) {
            Message m = new Message(u.topic(), u.clear() ? new byte[0] : new byte[] {1}, 0, true, null, null);
            store.update(m);
            if (u.clear()) {
                reference.remove(u.topic());
            } else {
                reference.put(u.topic(), m);
            }
        }
        assertThat(store.size()).isEqualTo(reference.size());
        assertThat(store.bytes()).isEqualTo(reference.values().stream().mapToLong(RetainedStore::weight).sum());
        for (String filter : filters) {
            List<String> scanned = reference.keySet().stream().filter(t -> TopicFilters.matches(filter, t)).sorted().toList();
            assertThat(store.matching(filter).stream().map(Message::topic).sorted().toList()).as(filter).isEqualTo(scanned);
        }
    }

    private static final Arbitrary<String> LEVEL = Arbitraries.of("a", "b", "c", "", "$SYS", "$x", "a b");

    @Provide
    Arbitrary<List<Update>> updates() {
        Arbitrary<String> topic = LEVEL.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l))
                .filter(t -> !t.isEmpty());
        return Combinators.combine(topic, Arbitraries.integers().between(0, 4).map(i -> i == 0)).as(Update::new).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> filters() {
        Arbitrary<String> level = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, LEVEL), net.jqwik.api.Tuple.of(3, Arbitraries.just("+")));
        Arbitrary<String> plain = level.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
        Arbitrary<String> withHash = Combinators.combine(level.list().ofMaxSize(3), Arbitraries.just("#"))
                .as((l, h) -> l.isEmpty() ? h : String.join("/", l) + "/" + h);
        return Arbitraries.oneOf(plain, withHash).filter(f -> !f.isEmpty()).list().ofMinSize(1).ofMaxSize(10);
    }
}
