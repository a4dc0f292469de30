package io.topicguard.broker.server;

import io.topicguard.auth.reload.HangupSignal;
import io.topicguard.auth.reload.PolicyStatus;
import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.auth.reload.Reloader;
import io.topicguard.broker.protocol.Connections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The broker's side of hot reload ({@link Reloader} does the loading, last-good and SHA checks):
 * a swapped policy re-binds every connection and persistent session through {@link Connections}
 * (bans, superusers, subscription classes, queued messages); users whose password a reload
 * changed or removed are disconnected (MQTT 5: DISCONNECT 0x98); SIGHUP queues a forced reload.
 */
final class ReloadCoordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.RELOAD_LOGGER);

    private final Reloader reloader;

    ReloadCoordinator(BrokerConfig config, Connections connections) {
        Reloader.Builder builder = Reloader.builder()
                .logger(Broker.RELOAD_LOGGER)
                .onPolicySwapped(policy -> connections.accessControl(config.policyAccess().apply(policy)))
                .onRevoked(users -> disconnect(connections, users))
                .onReload(config.onReload());
        if (config.policySource() != null) {
            builder.policy(config.policySource(), config.policy());
        }
        if (config.authentication() != null) {
            builder.passwordFiles(config.authentication());
        }
        this.reloader = builder.build();
    }

    private static void disconnect(Connections connections, Set<String> users) {
        LOG.info("disconnecting the connections of {}", users);
        connections.disconnectIf(client -> client.username() != null && users.contains(client.username()));
    }

    /** Watches the files (when {@code config} asks) and handles SIGHUP (when it asks) until {@code closed}. */
    void start(BrokerConfig config, BooleanSupplier closed) throws IOException {
        if (config.watchQuiet() != null) {
            reloader.watch(config.watchQuiet());
        }
        if (config.reloadOnHangup()) {
            // Last: once installed, the handler stays for the life of the JVM. The signal thread only queues the reload.
            HangupSignal.install(() -> {
                if (!closed.getAsBoolean()) {
                    reloader.request("SIGHUP", true);
                }
            });
        }
    }

    ReloadResult reloadNow(String trigger, boolean force) {
        return reloader.reloadNow(trigger, force);
    }

    PolicyStatus status() {
        return reloader.status();
    }

    @Override
    public void close() {
        reloader.close();
    }
}
