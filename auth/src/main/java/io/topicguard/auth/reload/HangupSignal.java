package io.topicguard.auth.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code kill -HUP PID} reloads, as with most Unix daemons: {@code topicguard serve} and
 * {@code topicguard authz-server} both install it, each queueing a forced {@link Reloader#request}.
 * Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every OpenJDK build); where the platform has no SIGHUP
 * (Windows) or the JVM reserves it ({@code -Xrs}), file watching still reloads and a WARN says so.
 */
public final class HangupSignal {

    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /** Runs {@code reload} on the JVM's signal thread whenever SIGHUP arrives; returns false when it cannot. */
    public static boolean install(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); edit the files to reload", e.getMessage());
            return false;
        }
    }
}
