package io.topicguard.broker.testing;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** Starts an in-process broker on an ephemeral port of 127.0.0.1. */
public final class TestBroker {

    private TestBroker() {
    }

    /** Usernames are taken at their word (a {@code trust-username} chain): tests of the policy, not of passwords. */
    public static Broker start(AccessControl access) {
        return start(access, trustUsernames(), ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    /** A chain that admits every presented username without a password, as {@code --trust-usernames} does. */
    public static AuthenticationChain trustUsernames() {
        return AuthenticationChain.of(List.of(Authenticators.trustUsername()));
    }

    /** @param chain the authentication chain (closed with the broker), or null for none: only anonymous clients get in */
    public static Broker start(AccessControl access, AuthenticationChain chain, ProtocolLimits limits) {
        try {
            return Broker.start(BrokerConfig.builder(access).port(0).authentication(chain).limits(limits).ioThreads(2).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
