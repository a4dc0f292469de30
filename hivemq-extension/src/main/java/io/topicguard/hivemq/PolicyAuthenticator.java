package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.subscription.TopicSubscription;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRulesException;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Every CONNECT, decided by topicguard alone (it never defers to another extension): the
 * policy's connect decision first (a ban: 0x8A Banned; an anonymous client under
 * {@code anonymous deny}: 0x87 Not authorized), then the authentication chain, walked on the
 * chain's own threads while HiveMQ waits asynchronously. A chain deny, or a username no source
 * knows, is 0x86 Bad username or password (MQTT 3.1.1: HiveMQ sends the matching return codes);
 * an anonymous client no source knows is admitted, the policy having allowed anonymous clients.
 * An admitted client is bound to the policy for the authorizer and the delivery check with what
 * the admitting source said ({@link Admitted}): its carried rules (a set that cannot be compiled
 * refuses the CONNECT as a bad password would), the superuser flag, and a disconnect when its
 * credentials expire.
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
            enforcement.counts().count("connect", Verdict.DENY);
            enforcement.denials().denied(info, "connect", null, decision);
            boolean banned = decision.reason() == Reason.BANNED;
            output.failAuthentication(banned ? ConnackReasonCode.BANNED : ConnackReasonCode.NOT_AUTHORIZED,
                    banned ? "banned" : "anonymous clients are not allowed");
            return;
        }
        ConnectionAttributeStore store = input.getConnectionInformation().getConnectionAttributeStore();
        Async<SimpleAuthOutput> async = output.async(CHAIN_TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_BUSY,
                "authentication timed out");
        CompletableFuture<ChainResult> walked = chain.authenticators().isEmpty()
                ? CompletableFuture.completedFuture(new ChainResult(ChainResult.Outcome.NO_ANSWER, List.of()))
                : chain.authenticate(ClientIdentity.credentials(info, connect));
        walked.thenCompose(result -> decide(result, info, connect, store, output))
                .whenComplete((done, error) -> {
                    if (error != null) {
                        // Nothing above throws by design; should it, nobody vouched for the client.
                        refuse(info, "failed: " + error, output);
                    }
                    async.resume();
                });
    }

    /** Settles the CONNECT; completes once the output is set (a resumed session's subscriptions are read first). */
    private CompletionStage<Void> decide(ChainResult result, ClientInfo info, ConnectPacket connect,
                                         ConnectionAttributeStore store, SimpleAuthOutput output) {
        switch (result.outcome()) {
            case ALLOWED -> {
                Admitted admitted;
                try {
                    admitted = Admitted.of(result);
                } catch (ClientRulesException e) {
                    // docs/semantics.md, Client rules: a malformed carried rule refuses the CONNECT, never a half-applied set.
                    refuse(info, result.trace() + "; " + e.getMessage(), output);
                    return CompletableFuture.completedFuture(null);
                }
                return admit(info, admitted, connect, store, output);
            }
            // Nobody knew the client: only an anonymous one gets in (the policy's connect check allowed anonymous clients).
            case NO_ANSWER -> {
                if (info.anonymous()) {
                    return admit(info, Admitted.NONE, connect, store, output);
                }
                refuse(info, result.trace(), output);
            }
            case DENIED -> refuse(info, result.trace(), output);
            case BUSY -> {
                enforcement.counts().count("connect", Verdict.DENY);
                enforcement.denials().refused(info, result.trace());
                output.failAuthentication(ConnackReasonCode.SERVER_BUSY, "server busy");
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Admits the client. A session the extension has no record of (HiveMQ restarted with persisted
     * sessions, or, in a HiveMQ Enterprise cluster, the client comes back through another node)
     * has its subscriptions read from HiveMQ and classified before the client is let in, so the
     * messages queued for it are checked against them rather than withheld.
     */
    private CompletionStage<Void> admit(ClientInfo info, Admitted admitted, ConnectPacket connect, ConnectionAttributeStore store,
                                        SimpleAuthOutput output) {
        boolean known = enforcement.client(info.clientId()) != null;
        ConnectedClient client = enforcement.admit(info, admitted, connect.getCleanStart(), connect.getSessionExpiryInterval() == 0);
        store.putAsString(CONNECTION_KEY, Long.toString(client.connection()));
        CredentialExpiry.schedule(enforcement, client);
        BoundClient binding = client.binding(enforcement.policy());
        enforcement.counts().count("connect", Verdict.ALLOW);
        if (connect.getCleanStart() || known) {
            output.authenticateSuccessfully();
            return CompletableFuture.completedFuture(null);
        }
        return Services.subscriptionStore().getSubscriptions(info.clientId()).handle((subscriptions, error) -> {
            if (subscriptions != null) {
                for (TopicSubscription s : subscriptions) {
                    client.subscribed(GrantedFilter.classify(s.getTopicFilter(), s.getQos().getQosNumber(), binding));
                }
            }
            output.authenticateSuccessfully();
            return null;
        });
    }

    private void refuse(ClientInfo info, String trace, SimpleAuthOutput output) {
        enforcement.counts().count("connect", Verdict.DENY);
        enforcement.denials().refused(info, trace);
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad username or password");
    }
}
