package io.topicguard.broker.testing;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.PasswordFileAuthenticator;
import io.topicguard.broker.ops.Operations;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.engine.Policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A broker started from a policy file on disk, the way {@code topicguard serve} runs it: metered
 * access control, hot reload watching the files, admin endpoints on an ephemeral loopback port.
 * SIGHUP is not handled (tests share one JVM).
 */
public final class OperatedBroker implements AutoCloseable {

    public final Broker broker;
    public final Operations ops;

    private OperatedBroker(Broker broker, Operations ops) {
        this.broker = broker;
        this.ops = ops;
    }

    public static OperatedBroker start(Path policyFile) throws Exception {
        return start(PolicySource.of(policyFile), (Path) null, OperationsOptions.defaults().withAdminPort(0, "127.0.0.1").withSysInterval(Duration.ZERO));
    }

    public static OperatedBroker start(Path policyFile, Path passwordFile, OperationsOptions options) throws Exception {
        return start(PolicySource.of(policyFile), passwordFile, options);
    }

    public static OperatedBroker start(PolicySource source, Path passwordFile, OperationsOptions options) throws Exception {
        // Without a password file, usernames are taken at their word (tests of the policy, not of passwords).
        AuthenticationChain chain = passwordFile == null ? TestBroker.trustUsernames()
                : AuthenticationChain.of(List.of(PasswordFileAuthenticator.load(passwordFile)));
        return start(source, chain, options);
    }

    /** @param chain the authentication chain, metered and closed with the broker */
    public static OperatedBroker start(PolicySource source, AuthenticationChain chain, OperationsOptions options) throws Exception {
        Policy policy = source.load();
        Operations ops = new Operations(options);
        ops.observe(chain);
        Broker broker = Broker.start(BrokerConfig.builder(source, policy).accessControl(ops::accessControl).onReload(ops::reloaded)
                .port(0).authentication(chain).limits(ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5))).ioThreads(2).build());
        try {
            ops.start(broker);
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return new OperatedBroker(broker, ops);
    }

    public int port() {
        return broker.tcpPort();
    }

    @Override
    public void close() {
        ops.close();
        broker.close();
    }
}
