package io.topicguard.broker.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The members of one shared subscription {@code $share/NAME/filter} (MQTT 5.0 §4.8.2): each
 * matching message goes to exactly one of them, chosen round-robin.
 */
public final class SharedGroup {

    private final String name;
    private final String topicFilter;
    private final List<Subscription> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger cursor = new AtomicInteger();

    SharedGroup(String name, String topicFilter) {
        this.name = name;
        this.topicFilter = topicFilter;
    }

    public String name() {
        return name;
    }

    public String topicFilter() {
        return topicFilter;
    }

    /** The members in the order to try them for the next message: a rotation of the member list. */
    public List<Subscription> nextRotation() {
        Object[] snapshot = members.toArray();
        int n = snapshot.length;
        if (n == 0) {
            return List.of();
        }
        int start = Math.floorMod(cursor.getAndIncrement(), n);
        Subscription[] rotated = new Subscription[n];
        for (int i = 0; i < n; i++) {
            rotated[i] = (Subscription) snapshot[(start + i) % n];
        }
        return List.of(rotated);
    }

    void put(Subscription subscription) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).clientId().equals(subscription.clientId())) {
                members.set(i, subscription);
                return;
            }
        }
        members.add(subscription);
    }

    boolean remove(String clientId) {
        return members.removeIf(s -> s.clientId().equals(clientId));
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    public int size() {
        return members.size();
    }
}
