package io.topicguard.jmh.load;

/**
 * What one (broker, policy kind, rule count, QoS) run measured, in one round. Written as JSON for
 * the report, which judges the median over a configuration's rounds.
 *
 * @param policy            the {@link LoadPolicy.Kind#label() kind} of load policy ({@code user} or
 *                          {@code pattern}); {@code user} when absent, since a load.json written before
 *                          there were kinds measured only that
 * @param messagesPerSecond messages delivered end to end per second of the measured window
 * @param p50Micros         median publish-to-delivery latency, or -1 when nothing was delivered
 * @param p99Micros         99th percentile of the same
 * @param delivered         messages sent in the measured window and delivered
 * @param note              what went wrong (a stalled publisher, a refused subscription), or null
 * @param round             which of the generator's {@code --rounds} this run belongs to, from 1; 1
 *                          when absent, since a load.json written before there were rounds had one
 * @param cpu               where the CPU went in the measured window; all null when absent, since a
 *                          load.json written before the generator measured it has none
 * @param attempts          how many times this configuration was measured in this round to get this
 *                          result (the generator measures again when the host took the machine away);
 *                          1 when absent
 */
public record LoadResult(String broker, String policy, int rules, int qos, int pairs, double seconds, long delivered,
                         double messagesPerSecond, double p50Micros, double p99Micros, String note, int round,
                         CpuUsage cpu, int attempts) {

    public LoadResult {
        if (policy == null) {
            policy = LoadPolicy.Kind.USER.label();
        }
        if (round < 1) {
            round = 1;
        }
        if (cpu == null) {
            cpu = CpuUsage.UNMEASURED;
        }
        if (attempts < 1) {
            attempts = 1;
        }
    }

    /** A run of the first (or only) round, measured once, CPU use unknown. */
    public LoadResult(String broker, String policy, int rules, int qos, int pairs, double seconds, long delivered,
                      double messagesPerSecond, double p50Micros, double p99Micros, String note) {
        this(broker, policy, rules, qos, pairs, seconds, delivered, messagesPerSecond, p50Micros, p99Micros, note, 1,
                CpuUsage.UNMEASURED, 1);
    }

    /** This result, as measured in round {@code round} on attempt {@code attempts}. */
    public LoadResult as(int round, int attempts) {
        return new LoadResult(broker, policy, rules, qos, pairs, seconds, delivered, messagesPerSecond, p50Micros,
                p99Micros, note, round, cpu, attempts);
    }
}
