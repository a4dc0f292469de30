package io.topicguard.broker.interop;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;

import java.time.Duration;

/**
 * The broker the ported Paho interoperability suite runs against: a policy granting the suite's
 * topics to anonymous clients and refusing subscriptions to its "nosubscribe" filter, as the
 * suite's {@code -n} option assumes. The MQTT 5 suite also wants a broker that caps keep-alive at
 * 60 s (its server keep-alive test) and takes packets smaller than 64 KiB (its maximum packet size
 * test only checks the broker's limit below that), so {@link #v5()} runs with
 * {@code --max-keepalive 60 --max-packet-size 8192}. The 3.1.1 suite needs the defaults: its
 * keep-alive test connects with keep-alive 0, which a keep-alive cap refuses to 3.1.1 clients.
 */
final class SuiteBroker {

    /** The suite's "nosubscribe" topic filter (its {@code -n} option; this is its default). */
    static final String NOSUBSCRIBE = "test/nosubscribe";

    /** The largest packet {@link #v5()} accepts. */
    static final int V5_MAXIMUM_PACKET_SIZE = 8192;

    /** Seconds {@link #v5()} caps keep-alive at: the value the suite's server keep-alive test expects. */
    static final int V5_MAXIMUM_KEEP_ALIVE = 60;

    static final String POLICY = """
            default deny
            anonymous allow
            deny all to subscribe eq "%s"
            allow all to publish, subscribe "#"
            # the $ topics test publishes to "$" + a suite topic; only subscriptions must not match it
            allow all to publish "$TopicA/#", "$client_test5/#"
            """.formatted(NOSUBSCRIBE);

    private SuiteBroker() {
    }

    static Broker v311() {
        return PolicyBroker.start(POLICY);
    }

    static Broker v5() {
        return TestBroker.start(AccessControl.of(PolicyBroker.policy(POLICY)), TestBroker.trustUsernames(),
                ProtocolLimits.defaults().toBuilder().connectTimeout(Duration.ofSeconds(5)).maximumKeepAlive(V5_MAXIMUM_KEEP_ALIVE)
                        .maximumPacketSize(V5_MAXIMUM_PACKET_SIZE).build());
    }
}
