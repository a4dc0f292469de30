package io.topicguard.broker.ops;

import java.time.Duration;

/**
 * How {@link Operations} runs.
 *
 * @param adminPort         the admin HTTP port (0 ephemeral), or null for no admin endpoints
 * @param adminBind         the admin listener's address (loopback by default: it has no authentication)
 * @param decisionCacheSize entries of the decision cache, 0 for no cache
 * @param sysInterval       how often {@code $SYS/topicguard/...} is published, zero for never
 */
public record OperationsOptions(Integer adminPort, String adminBind, long decisionCacheSize, Duration sysInterval) {

    /** Entries of the decision cache when it is switched on. */
    public static final long DEFAULT_CACHE_SIZE = 100_000;

    public OperationsOptions {
        if (adminPort != null && (adminPort < 0 || adminPort > 0xFFFF)) {
            throw new IllegalArgumentException("admin port must be 0..65535, got " + adminPort);
        }
        if (decisionCacheSize < 0) {
            throw new IllegalArgumentException("decision cache size must not be negative, got " + decisionCacheSize);
        }
        if (sysInterval.isNegative()) {
            throw new IllegalArgumentException("$SYS interval must not be negative, got " + sysInterval);
        }
    }

    /** No admin port, no cache, $SYS every 10 s: what {@code serve} does by default. */
    public static OperationsOptions defaults() {
        return new OperationsOptions(null, "127.0.0.1", 0, Duration.ofSeconds(10));
    }

    public OperationsOptions withAdminPort(Integer port, String bind) {
        return new OperationsOptions(port, bind, decisionCacheSize, sysInterval);
    }

    public OperationsOptions withDecisionCacheSize(long size) {
        return new OperationsOptions(adminPort, adminBind, size, sysInterval);
    }

    public OperationsOptions withSysInterval(Duration interval) {
        return new OperationsOptions(adminPort, adminBind, decisionCacheSize, interval);
    }
}
