package io.topicguard.jmh.load;

/**
 * What one (broker, policy kind, rule count, QoS) run measured. Written as JSON for the report.
 *
 * @param policy            the {@link LoadPolicy.Kind#label() kind} of load policy ({@code user} or
 *                          {@code pattern}); {@code user} when absent, since a load.json written before
 *                          there were kinds measured only that
 * @param messagesPerSecond messages delivered end to end per second of the measured window
 * @param p50Micros         median publish-to-delivery latency, or -1 when nothing was delivered
 * @param p99Micros         99th percentile of the same
 * @param delivered         messages sent in the measured window and delivered
 * @param note              what went wrong (a stalled publisher, a refused subscription), or null
 */
public record LoadResult(String broker, String policy, int rules, int qos, int pairs, double seconds, long delivered,
                         double messagesPerSecond, double p50Micros, double p99Micros, String note) {

    public LoadResult {
        if (policy == null) {
            policy = LoadPolicy.Kind.USER.label();
        }
    }
}
