package io.topicguard.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve} does not limp on after the JVM ran out of memory: a broker that cannot allocate
 * may drop messages or acknowledgements at random. An {@link OutOfMemoryError} (or any
 * {@link VirtualMachineError}) that reaches a thread's end — the broker hands those from its
 * network threads to the uncaught-exception handler — is logged at ERROR and the process exits
 * with status 3, for a supervisor to restart it.
 */
final class OutOfMemoryExit {

    private static final Logger LOG = LoggerFactory.getLogger("io.topicguard.broker.serve");

    private OutOfMemoryExit() {
    }

    static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof VirtualMachineError) {
                try {
                    LOG.error("fatal: {} on thread {}; exiting", e, thread.getName());
                } finally {
                    Runtime.getRuntime().halt(3); // no shutdown hooks: they would need memory too
                }
            }
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                e.printStackTrace();
            }
        });
    }
}
