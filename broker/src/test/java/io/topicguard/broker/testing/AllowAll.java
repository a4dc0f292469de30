package io.topicguard.broker.testing;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;

/**
 * Test-only access control that allows everything: for tests of MQTT protocol behaviour, where the
 * policy is not the subject. Every authorization test uses a real policy through the engine.
 */
public final class AllowAll implements AccessControl {

    private static final Decision ALLOW = new Decision(Verdict.ALLOW, Reason.DEFAULT, null, null);

    @Override
    public ClientAccess bind(ClientInfo client) {
        return new ClientAccess() {
            @Override
            public ClientInfo client() {
                return client;
            }

            @Override
            public Decision connect() {
                return ALLOW;
            }

            @Override
            public Decision publish(String topic, int qos, boolean retain) {
                return ALLOW;
            }

            @Override
            public Decision subscribe(String filter, int qos) {
                return ALLOW;
            }

            @Override
            public Decision deliver(String topic, Subscription subscription) {
                return ALLOW;
            }

            @Override
            public boolean disconnectOnDeny() {
                return false;
            }

            @Override
            public boolean refusePartialSubscriptions() {
                return false;
            }
        };
    }
}
