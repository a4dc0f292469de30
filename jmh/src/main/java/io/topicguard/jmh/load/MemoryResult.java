package io.topicguard.jmh.load;

/**
 * One broker's memory with {@code clients} idle connected clients of {@code subscriptions}
 * subscriptions each (issue 20 item 6). Bytes are -1 where not measured (heap: mosquitto).
 *
 * @param rssBefore       resident set after start (for topicguard after a full GC), before any client:
 *                        the broker's base cost
 * @param rssAfter        resident set with every client connected and subscribed (topicguard: after a full GC)
 * @param heapBefore      topicguard's heap in use after a full GC, before the clients
 * @param heapAfter       the same with the clients
 * @param rssPerClient    (rssAfter − rssBefore) / connected
 * @param heapPerClient   (heapAfter − heapBefore) / connected
 * @param connected       clients that connected and had every subscription granted
 */
public record MemoryResult(String broker, int clients, int subscriptions, int connected, long rssBefore, long rssAfter,
                           long heapBefore, long heapAfter, double rssPerClient, double heapPerClient, String note,
                           int round) {
}
