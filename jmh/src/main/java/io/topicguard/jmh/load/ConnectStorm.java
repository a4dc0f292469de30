package io.topicguard.jmh.load;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One connect storm (issue 20 item 5): {@code clients} sockets opened and CONNECTs sent as fast as
 * one client event-loop thread can, at most {@code window} awaiting their CONNACK; measures from
 * the first connection asked for to the last CONNACK read, and each client's wait from asking for
 * its connection (TCP handshake, listen backlog, CONNECT) to reading its CONNACK.
 */
final class ConnectStorm {

    private ConnectStorm() {
    }

    static ConnectResult run(BrokerUnderTest broker, String variant, int rules, String phase, int clients, int window,
                             IntFunction<Fleet.Credentials> credentials, int round) throws InterruptedException {
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("storm-clients", true));
        List<String> lost = new ArrayList<>();
        List<Fleet.Outcome> outcomes = List.of();
        try {
            outcomes = Fleet.connect(group, broker.port(), clients, window, credentials, Fleet.quiet(lost));
            return result(broker.name(), variant, rules, phase, clients, outcomes, round);
        } finally {
            Fleet.close(outcomes);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30_000);
        }
    }

    static ConnectResult result(String broker, String variant, int rules, String phase, int clients,
                                List<Fleet.Outcome> outcomes, int round) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long[] latencies = new long[outcomes.size()];
        int admitted = 0;
        int refused = 0;
        Map<Integer, Integer> codes = new TreeMap<>();
        Map<String, Integer> errors = new TreeMap<>();
        for (Fleet.Outcome o : outcomes) {
            LoadClient c = o.client();
            if (c != null) {
                first = Math.min(first, c.connectAskedAt());
            }
            if (o.admitted()) {
                // From the connection asked for, not from CONNECT written: a handshake that waits in
                // (or is dropped by) the broker's listen backlog is part of its client's wait. Else a
                // broker with a short backlog (mosquitto's is 100) would hide its queue in TCP retries.
                latencies[admitted++] = c.connackSinceOpenNanos();
                last = Math.max(last, c.connackReadAt());
            } else if (c != null && c.refusal() >= 0) {
                refused++;
                codes.merge(c.refusal(), 1, Integer::sum);
            } else {
                String cause = String.valueOf(o.error().getMessage());
                errors.merge(cause.replaceAll("[0-9]+", "N"), 1, Integer::sum);
            }
        }
        int failed = outcomes.size() - admitted - refused;
        long[] sorted = Arrays.copyOf(latencies, admitted);
        Arrays.sort(sorted);
        double seconds = admitted == 0 ? 0 : (last - first) / 1e9;
        List<String> notes = new ArrayList<>();
        if (refused > 0) {
            notes.add(refused + " refused (CONNACK code: count " + codes + ")");
        }
        if (failed > 0) {
            notes.add(failed + " failed (" + errors.entrySet().iterator().next().getKey() + ")");
        }
        return new ConnectResult(broker, variant, rules, phase, clients, admitted, refused, failed, round1(seconds),
                seconds > 0 ? round1(admitted / seconds) : 0, micros(LatencyRecorder.percentile(sorted, 50)),
                micros(LatencyRecorder.percentile(sorted, 99)), notes.isEmpty() ? null : String.join("; ", notes), round);
    }

    private static double micros(long nanos) {
        return nanos < 0 ? -1 : round1(nanos / 1_000.0);
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
