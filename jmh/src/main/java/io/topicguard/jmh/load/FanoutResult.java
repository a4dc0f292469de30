package io.topicguard.jmh.load;

/**
 * One fan-out run (issue 20 item 7): one publisher, {@code subscribers} clients on one wildcard
 * filter, {@code partial} of them allowed only part of what it matches.
 *
 * @param published            messages published in the measured window
 * @param deliveries           deliveries that arrived in the measured window
 * @param deliveriesPerSecond  deliveries per second of the measured window
 * @param note                 what went wrong (a refused subscription, a subscriber that got nothing), or null
 */
public record FanoutResult(String broker, int subscribers, int partial, double seconds, long published, long deliveries,
                           double deliveriesPerSecond, String note, int round) {
}
