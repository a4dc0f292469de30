package io.topicguard.jmh.load;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.PasswordFileAuthenticator;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.auth.password.PasswordFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * topicguard embedded in the load generator's own JVM ({@link Broker#start}), configured as
 * {@code topicguard serve} would be. For the smoke test, which must be quick: the reported figures
 * come from the child-process mode, where the broker does not share CPU, heap or JIT with the
 * load clients, as mosquitto does not.
 */
final class InProcessTopicguard implements BrokerUnderTest {

    private final Broker broker;
    private InProcessTopicguard(Broker broker) {
        this.broker = broker;
    }

    /** @throws IOException when the policy or password file is rejected (with the diagnostics) or no port binds */
    static InProcessTopicguard start(Path policyFile, Path passwords) throws IOException {
        Policy policy;
        try {
            policy = Policy.load(policyFile);
        } catch (PolicyLoadException e) {
            throw new IOException("the load policy was rejected:\n" + e.getMessage(), e);
        }
        AuthenticationChain chain;
        try {
            chain = AuthenticationChain.of(List.of(PasswordFileAuthenticator.load(passwords)));
        } catch (PasswordFileException e) {
            throw new IOException("the password file was rejected: " + e.getMessage(), e);
        }
        try {
            // The broker closes the chain when it stops.
            return new InProcessTopicguard(Broker.start(BrokerConfig.builder(AccessControl.of(policy)).bindAddress("127.0.0.1").port(0)
                    .authentication(chain).build()));
        } catch (IOException | RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "topicguard";
    }

    @Override
    public int port() {
        return broker.tcpPort();
    }

    @Override
    public void close() {
        broker.close();
    }
}
