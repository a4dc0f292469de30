package io.topicguard.jmh.load;

/**
 * One fan-out run (issue 20 item 7): one publisher, {@code subscribers} clients on one wildcard
 * filter, {@code partial} of them allowed only part of what it matches.
 *
 * @param published            messages published in the measured window
 * @param deliveries           deliveries that arrived in the measured window
 * @param deliveriesPerSecond  deliveries per second of the measured window
 * @param note                 what went wrong (a refused subscription, a subscriber that got nothing), or null
 * @param cpu                  where the CPU went in the measured window: on a busy 2-core machine the rate is
 *                             what the broker was given, and its CPU time per delivery says what each cost it
 */
public record FanoutResult(String broker, int subscribers, int partial, double seconds, long published, long deliveries,
                           double deliveriesPerSecond, String note, int round, CpuUsage cpu) {

    public FanoutResult(String broker, int subscribers, int partial, double seconds, long published, long deliveries,
                        double deliveriesPerSecond, String note, int round) {
        this(broker, subscribers, partial, seconds, published, deliveries, deliveriesPerSecond, note, round, CpuUsage.UNMEASURED);
    }

    /** Microseconds of {@code percent}-of-a-core CPU time per delivery, or null when either is unknown. */
    public Double microsPerDelivery(Double percent) {
        return percent == null || deliveries == 0 ? null : Math.round(percent / 100 * seconds * 1e7 / deliveries) / 10.0;
    }
}
