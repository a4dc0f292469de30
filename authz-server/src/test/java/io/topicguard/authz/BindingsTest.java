package io.topicguard.authz;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A kept binding answers only while its policy is in force. */
class BindingsTest {

    @Test
    void aBindingIsKeptUntilThePolicyChanges() throws Exception {
        AtomicReference<Policy> inForce = new AtomicReference<>(Policy.fromString("v1.acl", "allow all to publish \"a\"\n"));
        Bindings bindings = new Bindings(inForce::get);
        ClientInfo client = ClientInfo.builder("c").username("u").build();

        ClientBinding first = bindings.of(client);
        assertThat(bindings.of(ClientInfo.builder("c").username("u").build())).isSameAs(first);
        assertThat(bindings.of(ClientInfo.builder("c").username("v").build())).isNotSameAs(first);

        inForce.set(Policy.fromString("v2.acl", "default deny\n"));
        ClientBinding second = bindings.of(client);

        assertThat(second.policy()).isSameAs(inForce.get());
        assertThat(second.publish("a", 0, false).allowed()).isFalse();
    }
}
