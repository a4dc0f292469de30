package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Ends the connections a reload no longer admits, as topicguard's broker does: a client a new ban
 * matches (MQTT 5: DISCONNECT 0x98 Administrative action, and its will is not sent), a client the
 * new policy refuses otherwise (0x87), and a client whose password entry changed or was removed
 * (0x98). HiveMQ disconnects on its own threads; nothing here waits.
 */
final class Evictions {

    private static final Logger LOG = LoggerFactory.getLogger(Evictions.class);

    private final Enforcement enforcement;

    Evictions(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    /** A client the new policy's connect decision refuses. */
    void refused(ConnectedClient client, Decision connect) {
        enforcement.denials().denied(client.info(), "connect", null, connect);
        boolean banned = connect.reason() == Reason.BANNED;
        Services.clientService().disconnectClient(client.info().clientId(), banned,
                banned ? DisconnectReasonCode.ADMINISTRATIVE_ACTION : DisconnectReasonCode.NOT_AUTHORIZED,
                banned ? "banned" : "not authorized");
    }

    /** The clients of {@code usernames}, whose password entry a reloaded password file changed or removed. */
    void revoked(Set<String> usernames) {
        for (ConnectedClient client : enforcement.withUsernames(usernames)) {
            LOG.info("topicguard: disconnecting client {} ({}): its password changed or was removed", client.info().clientId(),
                    client.info().username());
            Services.clientService().disconnectClient(client.info().clientId(), false, DisconnectReasonCode.ADMINISTRATIVE_ACTION,
                    "password changed");
        }
    }
}
