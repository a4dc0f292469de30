package io.topicguard.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A broker asks {@link ClientBinding#deliver} for every message through a partial subscription,
 * with the {@link Subscription} it made once when it granted the subscription: the check itself
 * must allocate nothing, allowed or denied. Nor must a subscribe check, whatever it answers.
 */
class DeliveryAllocationTest {

    private static final int CHECKS = 100_000;

    @Test
    void aDeliveryCheckWithAGrantedSubscriptionAllocatesNothing() throws Exception {
        Policy policy = Policy.fromString("p.acl", """
                deny all to subscribe "devices/+/secret"
                allow all to publish, subscribe "devices/${clientid}/#"
                allow username ~ "^ops-" to subscribe "devices/#"
                """);
        ClientBinding client = policy.bind(ClientInfo.builder("d1").username("u").build());
        Subscription granted = Subscription.of("devices/#", 1);
        String[] topics = {"devices/d1/up", "devices/d2/up", "devices/d1/secret"};

        com.sun.management.ThreadMXBean threads = threads();
        deliverAll(client, granted, topics); // warm-up: loads classes, lets the JIT settle
        long before = threads.getCurrentThreadAllocatedBytes();
        int allowed = deliverAll(client, granted, topics);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // Only devices/d1/up is allowed: d2's topic falls to the default, the secret to the deny rule.
        assertThat(allowed).isEqualTo((CHECKS + 2) / 3);
        assertThat(allocated).as("bytes allocated by %d delivery checks", CHECKS).isLessThan(CHECKS / 10);
    }

    @Test
    void aSubscribeCheckAllocatesNothing() throws Exception {
        Policy policy = Policy.fromString("p.acl", """
                deny all to subscribe "devices/+/secret"
                allow all to publish, subscribe "devices/${clientid}/#"
                allow username ~ "^ops-" to subscribe "devices/#"
                allow all to subscribe "fleet/+/telemetry", "fleet/a/status", "fleet/b/status"
                """);
        ClientBinding client = policy.bind(ClientInfo.builder("d1").username("u").build());
        // allowed (twice), partial (through '+', through '#', at the first level), denied, and "#" itself
        String[] filters = {"devices/d1/up", "fleet/+/telemetry", "devices/+/up", "fleet/#", "+/a/status", "devices/d2/x", "#"};

        com.sun.management.ThreadMXBean threads = threads();
        subscribeAll(client, filters); // warm-up: loads classes, lets the JIT settle
        long before = threads.getCurrentThreadAllocatedBytes();
        int[] verdicts = subscribeAll(client, filters);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        int rounds = CHECKS / filters.length;
        assertThat(verdicts).as("ALLOW, DENY, PARTIAL counts").containsExactly(2 * rounds, rounds, 4 * rounds);
        assertThat(allocated).as("bytes allocated by %d subscribe checks", CHECKS).isLessThan(CHECKS / 10);
    }

    /** How many subscribe checks, {@code CHECKS / filters.length} rounds over {@code filters}, were answered with each verdict. */
    private static int[] subscribeAll(ClientBinding client, String[] filters) {
        int[] verdicts = new int[Verdict.values().length];
        for (int round = 0; round < CHECKS / filters.length; round++) {
            for (String filter : filters) {
                verdicts[client.subscribe(filter, 1).verdict().ordinal()]++;
            }
        }
        return verdicts;
    }

    private static int deliverAll(ClientBinding client, Subscription granted, String[] topics) {
        int allowed = 0;
        for (int i = 0; i < CHECKS; i++) {
            if (client.deliver(topics[i % topics.length], granted).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeThat(threads).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean counting = (com.sun.management.ThreadMXBean) threads;
        assumeThat(counting.isThreadAllocatedMemorySupported()).isTrue();
        counting.setThreadAllocatedMemoryEnabled(true);
        return counting;
    }
}
