package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;

import java.time.Duration;

/**
 * Every CONNECT, decided by topicguard alone (it never defers to another extension): the
 * policy's connect decision first (a ban: 0x8A Banned; an anonymous client under
 * {@code anonymous deny}: 0x87 Not authorized), then the authentication chain, walked on the
 * chain's own threads while HiveMQ waits asynchronously. A chain deny, or a username no source
 * knows, is 0x86 Bad username or password (MQTT 3.1.1: HiveMQ sends the matching return codes);
 * an anonymous client no source knows is admitted, the policy having allowed anonymous clients.
 * An admitted client is bound to the policy for the authorizer and the delivery check.
 */
final class PolicyAuthenticator implements SimpleAuthenticator {

    /** Names this connection in HiveMQ's per-connection store, so its end can be told from a takeover's. */
    static final String CONNECTION_KEY = "io.topicguard.connection";

    /**
     * How long HiveMQ waits for the chain before refusing the CONNECT as busy. Each authenticator
     * bounds its own calls (an HTTP timeout, a JWKS fetch), so this only catches a stuck chain.
     */
    static final Duration CHAIN_TIMEOUT = Duration.ofSeconds(10);

    private final Enforcement enforcement;
    private final AuthenticationChain chain;

    PolicyAuthenticator(Enforcement enforcement, AuthenticationChain chain) {
        this.enforcement = enforcement;
        this.chain = chain;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        ClientInfo info = ClientIdentity.info(input.getClientInformation().getClientId(), connect, input.getConnectionInformation());
        ClientBinding binding = enforcement.policy().bind(info);
        Decision decision = binding.connect();
        if (!decision.allowed()) {
            enforcement.denials().denied(info, "connect", null, decision);
            boolean banned = decision.reason() == Reason.BANNED;
            output.failAuthentication(banned ? ConnackReasonCode.BANNED : ConnackReasonCode.NOT_AUTHORIZED,
                    banned ? "banned" : "anonymous clients are not allowed");
            return;
        }
        ConnectionAttributeStore store = input.getConnectionInformation().getConnectionAttributeStore();
        if (chain.authenticators().isEmpty()) {
            decide(ChainResult.Outcome.NO_ANSWER, "no authenticators", info, binding, connect, store, output);
            return;
        }
        Async<SimpleAuthOutput> async = output.async(CHAIN_TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_BUSY,
                "authentication timed out");
        chain.authenticate(ClientIdentity.credentials(info, connect)).whenComplete((result, error) -> {
            try {
                if (error != null) {
                    // The chain never completes exceptionally; should it ever, nobody vouched for the client.
                    decide(ChainResult.Outcome.NO_ANSWER, "failed: " + error, info, binding, connect, store, output);
                } else {
                    decide(result.outcome(), result.trace(), info, binding, connect, store, output);
                }
            } finally {
                async.resume();
            }
        });
    }

    private void decide(ChainResult.Outcome outcome, String trace, ClientInfo info, ClientBinding binding, ConnectPacket connect,
                        ConnectionAttributeStore store, SimpleAuthOutput output) {
        switch (outcome) {
            case ALLOWED -> admit(info, binding, connect, store, output);
            // Nobody knew the client: only an anonymous one gets in (the policy's connect check allowed anonymous clients).
            case NO_ANSWER -> {
                if (info.anonymous()) {
                    admit(info, binding, connect, store, output);
                } else {
                    refuse(info, trace, output);
                }
            }
            case DENIED -> refuse(info, trace, output);
            case BUSY -> {
                enforcement.denials().refused(info, trace);
                output.failAuthentication(ConnackReasonCode.SERVER_BUSY, "server busy");
            }
        }
    }

    private void admit(ClientInfo info, ClientBinding binding, ConnectPacket connect, ConnectionAttributeStore store, SimpleAuthOutput output) {
        ConnectedClient client = enforcement.admit(info, binding, connect.getCleanStart(), connect.getSessionExpiryInterval() == 0);
        store.putAsString(CONNECTION_KEY, Long.toString(client.connection()));
        output.authenticateSuccessfully();
    }

    private void refuse(ClientInfo info, String trace, SimpleAuthOutput output) {
        enforcement.denials().refused(info, trace);
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad username or password");
    }
}
