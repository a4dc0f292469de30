package io.topicguard.broker.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetainedStoreTest {

    private final RetainedStore store = new RetainedStore();

    private void retain(String topic, String payload) {
        store.update(new Message(topic, payload.getBytes(), 1, true, null, null));
    }

    private java.util.List<String> payloads(String filter) {
        return store.matching(filter).stream().map(m -> new String(m.payload())).sorted().toList();
    }

    @Test
    void wildcardsFollowMqttRules() {
        retain("a", "a");
        retain("a/b", "ab");
        retain("a/c/d", "acd");
        retain("$SYS/x", "sys");
        retain("/lead", "lead");
        assertThat(payloads("a/#")).containsExactly("a", "ab", "acd"); // '#' also matches its parent level
        assertThat(payloads("a/+")).containsExactly("ab");
        assertThat(payloads("#")).containsExactly("a", "ab", "acd", "lead"); // never '$' topics (MQTT-4.7.2-1)
        assertThat(payloads("+/x")).isEmpty();
        assertThat(payloads("$SYS/#")).containsExactly("sys");
        assertThat(payloads("+/lead")).containsExactly("lead");
        assertThat(payloads("a/c/d")).containsExactly("acd");
    }

    @Test
    void anEmptyPayloadClearsTheTopicAndItsEmptyBranch() {
        retain("x/y/z", "one");
        retain("x/y/z", "two");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo("x/y/z".length() * 2L + 3);
        assertThat(payloads("x/#")).containsExactly("two");
        store.update(new Message("x/y/z", new byte[0], 0, true, null, null));
        assertThat(store.size()).isZero();
        assertThat(store.bytes()).isZero();
        assertThat(store.matching("#")).isEmpty();
    }

    @Test
    void removingAnExpiredMessageFreesItsRoomButNeverTakesItsSuccessor() {
        Message expired = new Message("e/f", "old".getBytes(), 1, true, null, null);
        store.update(expired);
        store.removeExpired(expired);
        assertThat(store.size()).isZero();
        assertThat(store.bytes()).isZero();
        assertThat(store.matching("#")).isEmpty();

        store.update(expired);
        retain("e/f", "new"); // replaced after the expired one was read
        store.removeExpired(expired);
        assertThat(payloads("e/f")).containsExactly("new");
        assertThat(store.size()).isEqualTo(1);
    }
}
