package io.topicguard.broker.testing;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;

import java.time.Duration;

/** Starts an in-process broker enforcing a real policy, compiled by the real engine. */
public final class PolicyBroker {

    private PolicyBroker() {
    }

    public static Policy policy(String text) {
        try {
            return Policy.fromString("test.acl", text);
        } catch (PolicyLoadException e) {
            throw new IllegalArgumentException("test policy does not load:\n" + e.getMessage(), e);
        }
    }

    public static Broker start(String policyText) {
        return start(policyText, null);
    }

    public static Broker start(String policyText, PasswordAuthenticator authenticator) {
        return TestBroker.start(AccessControl.of(policy(policyText)), authenticator,
                ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }
}
