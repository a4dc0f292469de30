package io.topicguard.broker.persistence;

import io.topicguard.auth.reload.PolicySource;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V3Client;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An in-process broker with a store, for tests that stop it cleanly ({@link Broker#close()}) and start it again on the same directory. */
final class StoredBroker {

    static final String OPEN = """
            anonymous allow
            allow all to publish any
            allow all to subscribe any
            """;

    private StoredBroker() {
    }

    /** Writes {@code text} as {@code dir/policy.acl}, the policy the brokers of a test enforce. */
    static Path policy(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("policy.acl"), text);
    }

    /** An MQTT 3.1.1 client's options for a persistent session. */
    static MqttConnectOptions persistent() {
        MqttConnectOptions o = V3Client.options();
        o.setCleanSession(false);
        return o;
    }

    /** A broker enforcing {@link #OPEN} (or the policy a test wrote) with its store in {@code dir/data}. */
    static Broker start(Path dir) throws Exception {
        Path policy = Files.exists(dir.resolve("policy.acl")) ? dir.resolve("policy.acl") : policy(dir, OPEN);
        PolicySource source = PolicySource.of(policy);
        return Broker.start(BrokerConfig.builder(source, source.load()).port(0).watchFiles(null).ioThreads(2)
                .authentication(TestBroker.trustUsernames())
                .limits(ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5))).dataDir(dir.resolve("data")).build());
    }

    /** The store of a stopped broker, opened directly to look at what it holds. */
    static MvStorePersistence store(Path dir) throws IOException {
        return MvStorePersistence.open(dir.resolve("data"));
    }
}
