package io.topicguard.authz;

import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRule;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The CONNECT question as the service asks it (docs/semantics.md, Connect, and the
 * authentication chain): the policy's ban and anonymous checks first, then the chain, on the
 * chain's own workers so the caller's event loop never waits for a slow hash or an HTTP call.
 */
final class Admission {

    /** What the service answers a CONNECT with. */
    sealed interface Outcome {
    }

    /** Let in; {@code superuser} from the policy's statement or the admitting authenticator. */
    record Admitted(boolean superuser, List<ClientRule> rules) implements Outcome {
    }

    /** Refused by the policy ({@code banned}, {@code anonymous}): the decision names the line. */
    record RefusedByPolicy(Decision decision) implements Outcome {
    }

    /** Refused by an authenticator (wrong password, bad token): the cause stays in the log. */
    record RefusedByChain(String trace) implements Outcome {
    }

    /** No authenticator knew the client, which has a username: the host broker may ask elsewhere. */
    record Unknown(String trace) implements Outcome {
    }

    /** The chain's queue is full: nothing was asked. */
    record Busy() implements Outcome {
    }

    /** Where the request came from is unknown to the chain's templates: {@code 0.0.0.0}, never a guess. */
    private static final InetAddress UNKNOWN_PEER = anyLocal();

    private final Supplier<Policy> policy;
    private final AuthenticationChain chain;
    private final DenialLog denials;

    Admission(Supplier<Policy> policy, AuthenticationChain chain, DenialLog denials) {
        this.policy = policy;
        this.chain = chain;
        this.denials = denials;
    }

    CompletableFuture<Outcome> admit(String endpoint, ClientInfo client, byte @Nullable [] password) {
        ClientBinding binding = policy.get().bind(client);
        Decision connect = binding.connect();
        if (!connect.allowed()) {
            denials.denied(endpoint, client, "connect", null, connect);
            return CompletableFuture.completedFuture(new RefusedByPolicy(connect));
        }
        ConnectCredentials credentials = new ConnectCredentials(client.username(), password, client.clientId(),
                client.address() == null ? UNKNOWN_PEER : client.address(), client.commonName(),
                client.listener() == null ? "" : client.listener());
        return chain.authenticate(credentials).thenApply(result -> outcome(endpoint, client, binding, result));
    }

    private Outcome outcome(String endpoint, ClientInfo client, ClientBinding binding, ChainResult result) {
        switch (result.outcome()) {
            case ALLOWED: {
                Answer.Allow allow = result.allow();
                return new Admitted(binding.superuser() || allow.superuser(), allow.rules());
            }
            case DENIED:
                denials.refused(endpoint, client, result.trace());
                return new RefusedByChain(result.trace());
            case NO_ANSWER:
                // docs/semantics.md: a client with a username is never let in because no source knew it;
                // an anonymous one already passed the policy's anonymous check above.
                return client.anonymous() ? new Admitted(binding.superuser(), List.of()) : new Unknown(result.trace());
            case BUSY:
            default:
                return new Busy();
        }
    }

    private static InetAddress anyLocal() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }
}
