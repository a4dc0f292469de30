package io.topicguard.broker.testing;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Starts an in-process broker on an ephemeral port of 127.0.0.1. */
public final class TestBroker {

    private TestBroker() {
    }

    public static Broker start(AccessControl access) {
        return start(access, null, ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    public static Broker start(AccessControl access, PasswordAuthenticator authenticator, ProtocolLimits limits) {
        try {
            return Broker.start(BrokerConfig.builder(access).port(0).authenticator(authenticator).limits(limits).ioThreads(2).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
