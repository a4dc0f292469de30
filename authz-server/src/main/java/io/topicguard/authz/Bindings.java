package io.topicguard.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;

import java.util.function.Supplier;

/**
 * The bindings of the clients the service is asked about, kept between requests. A broker binds a
 * client once at CONNECT; the service is asked about the same clients over and over, one request
 * at a time, and binding costs time that grows with the policy (every who-expression that can
 * apply is evaluated) while a check does not. So a binding is kept, keyed by the client's
 * attributes, and used while the policy it was made from is still the one in force: the first
 * question after a reload binds again.
 *
 * <p>Not for CONNECT: bans compare with the clock (docs/semantics.md, Superusers and bans), so
 * {@link Admission} binds afresh. Bounded (size-evicted); thread-safe.
 */
final class Bindings {

    /** Enough for the clients a fleet's brokers ask about in a burst; a binding is a few small arrays. */
    static final int MAXIMUM_SIZE = 10_000;

    private final Supplier<Policy> policy;
    private final Cache<ClientInfo, ClientBinding> cache = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).build();

    Bindings(Supplier<Policy> policy) {
        this.policy = policy;
    }

    /** {@code client} bound to the policy in force now. */
    ClientBinding of(ClientInfo client) {
        Policy current = policy.get();
        ClientBinding kept = cache.getIfPresent(client);
        if (kept != null && kept.policy() == current) {
            return kept;
        }
        ClientBinding fresh = current.bind(client);
        cache.put(client, fresh);
        return fresh;
    }
}
