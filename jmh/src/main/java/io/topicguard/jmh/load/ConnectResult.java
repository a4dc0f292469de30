package io.topicguard.jmh.load;

/**
 * One connect storm against one freshly started broker (or, {@code phase} "reconnect", the same
 * clients again once they had all left it).
 *
 * @param variant           {@code anonymous}, {@code password} ({@code $7$} file from mosquitto_passwd) or
 *                          {@code jwt} (HS256, topicguard only)
 * @param phase             {@code first} (the broker's first storm) or {@code reconnect}
 * @param clients           clients that connected at once
 * @param admitted          CONNACK 0 received
 * @param refused           CONNACK with another code (the codes are in the note)
 * @param failed            no CONNACK at all (connection refused or reset, timeout)
 * @param seconds           first connection asked for to last CONNACK read
 * @param connectsPerSecond admitted clients per second of that span
 * @param p50Micros         connection asked for → CONNACK read (the TCP handshake and any wait in the
 *                          listen backlog included), median over admitted clients; -1 when none
 * @param p99Micros         the 99th percentile of the same
 * @param note              what went wrong (refusals, failures), or null
 */
public record ConnectResult(String broker, String variant, int rules, String phase, int clients, int admitted,
                            int refused, int failed, double seconds, double connectsPerSecond, double p50Micros,
                            double p99Micros, String note, int round) {
}
