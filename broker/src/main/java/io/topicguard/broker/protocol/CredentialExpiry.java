package io.topicguard.broker.protocol;

import io.netty.util.concurrent.ScheduledFuture;
import io.topicguard.broker.auth.Admission;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection when the credentials that admitted it expire (a token's {@code exp} plus the
 * leeway, an HTTP service's {@code expire_at}): MQTT 5 DISCONNECT 0x87 Not authorized then close,
 * MQTT 3.1.1 close. Scheduled on the connection's own event loop, cancelled when it closes first.
 */
final class CredentialExpiry {

    private CredentialExpiry() {
    }

    /** Schedules the disconnect for {@code admission}'s expiry, if it has one; on the connection's event loop. */
    static void schedule(ClientConnection c, Admission admission) {
        Instant at = admission.expiresAt();
        if (at == null) {
            return;
        }
        long delayMillis = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        ScheduledFuture<?> task = c.channel.eventLoop().schedule(() -> expired(c, admission), delayMillis, TimeUnit.MILLISECONDS);
        c.channel.closeFuture().addListener(closed -> task.cancel(false));
    }

    private static void expired(ClientConnection c, Admission admission) {
        if (c.state != ClientConnection.State.CONNECTED) {
            return;
        }
        MqttConnectionHandler.LOG.info("disconnecting {}: its credentials from {} expired at {}", c.peer(), admission.authenticator(),
                admission.expiresAt());
        c.disconnect(ReasonCodes.NOT_AUTHORIZED);
    }
}
