package io.topicguard.broker.testing;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Usernames are taken at their word (a {@code trust-username} chain). */
    public static Broker start(String policyText) {
        return start(policyText, TestBroker.trustUsernames());
    }

    public static Broker start(String policyText, AuthenticationChain chain) {
        return TestBroker.start(AccessControl.of(policy(policyText)), chain,
                ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    /** A broker enforcing {@code text}, written to {@code file}; it reloads only on {@link Broker#reload()} (no file watching). */
    public static Broker startFromFile(Path file, String text) {
        try {
            Files.writeString(file, text);
            PolicySource source = PolicySource.of(file);
            return Broker.start(BrokerConfig.builder(source, source.load()).port(0).watchFiles(null).ioThreads(2)
                    .authentication(TestBroker.trustUsernames())
                    .limits(ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PolicyLoadException e) {
            throw new IllegalArgumentException("test policy does not load:\n" + e.getMessage(), e);
        }
    }

    /** Writes {@code text} over {@code file} and reloads it, as an operator would; every connection is re-bound on return. */
    public static void reload(Broker broker, Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReloadResult result = broker.reload();
        if (result.policy() != ReloadResult.Outcome.RELOADED) {
            throw new IllegalStateException("the policy was not reloaded: " + result);
        }
    }
}
