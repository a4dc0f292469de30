package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection when the credentials that admitted it expire (a token's {@code exp} plus the
 * leeway, an HTTP service's {@code expire_at}), as topicguard's broker does: MQTT 5 DISCONNECT
 * 0x87 Not authorized, MQTT 3.1.1 the connection closed. Scheduled on HiveMQ's extension
 * executor; cancelled when the connection ends first.
 */
final class CredentialExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialExpiry.class);

    private CredentialExpiry() {
    }

    /** Schedules the disconnect of {@code client} at its credentials' expiry, if they have one. */
    static void schedule(Enforcement enforcement, ConnectedClient client) {
        Instant at = client.admitted().expiresAt();
        if (at == null) {
            return;
        }
        long delayMillis = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        ScheduledFuture<?> task = Services.extensionExecutorService()
                .schedule(() -> expired(enforcement, client), delayMillis, TimeUnit.MILLISECONDS);
        client.expiresWith(task);
    }

    private static void expired(Enforcement enforcement, ConnectedClient client) {
        // The same connection still in force: not one that ended, nor a takeover's under the same client id.
        if (enforcement.client(client.info().clientId()) != client || !client.connected()) {
            return;
        }
        LOG.info("topicguard: disconnecting client {} ({}): its credentials from {} expired at {}", client.info().clientId(),
                client.info().username(), client.admitted().authenticator(), client.admitted().expiresAt());
        Services.clientService().disconnectClient(client.info().clientId(), false, DisconnectReasonCode.NOT_AUTHORIZED,
                "credentials expired");
    }
}
