package io.topicguard.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last retained message of every topic (MQTT 5.0 §3.3.1.3): set, replaced, and cleared by a
 * retained PUBLISH with an empty payload. Thread-safe.
 *
 * <p>Lookups by filter scan the stored topics: retained topics are far fewer than publications,
 * and a lookup happens once per SUBSCRIBE, never per PUBLISH. An exact filter is one hash lookup.
 */
public final class RetainedStore {

    private final ConcurrentHashMap<String, Message> byTopic = new ConcurrentHashMap<>();

    /** Stores {@code message} as its topic's retained message, or clears it when the payload is empty (MQTT-3.3.1-6/7). */
    public void update(Message message) {
        if (message.payload().length == 0) {
            byTopic.remove(message.topic());
        } else {
            byTopic.put(message.topic(), message);
        }
    }

    /** The retained messages whose topics match {@code topicFilter} (no {@code $share/}). */
    public List<Message> matching(String topicFilter) {
        if (topicFilter.indexOf('+') < 0 && topicFilter.indexOf('#') < 0) {
            Message exact = byTopic.get(topicFilter);
            return exact == null ? List.of() : List.of(exact);
        }
        List<Message> out = new ArrayList<>();
        for (Message m : byTopic.values()) {
            if (TopicFilters.matches(topicFilter, m.topic())) {
                out.add(m);
            }
        }
        return out;
    }

    public int size() {
        return byTopic.size();
    }
}
