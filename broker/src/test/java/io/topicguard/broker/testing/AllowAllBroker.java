package io.topicguard.broker.testing;

import io.topicguard.broker.server.Broker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One broker allowing everything ({@link AllowAll}) for a whole test class of MQTT protocol tests,
 * started before the first test and closed after the last:
 * {@code @RegisterExtension static final AllowAllBroker BROKER = new AllowAllBroker();}
 */
public final class AllowAllBroker implements BeforeAllCallback, AfterAllCallback {

    private Broker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = TestBroker.start(new AllowAll());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.close();
    }

    /** The broker itself, to look at what it holds. */
    public Broker broker() {
        return broker;
    }

    /** The broker's plain TCP port on 127.0.0.1. */
    public int port() {
        return broker.tcpPort();
    }
}
