package io.topicguard.engine.review;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: a client named {@code $SYS} was allowed {@code $SYS/...} by
 * {@code allow all to subscribe "${username}/#"}. A placeholder whose value starts with {@code $}
 * matches nothing (docs/semantics.md, Placeholders), so a chosen username can never reach the
 * broker's own topics that {@code +} and {@code #} are kept away from.
 */
class DollarPlaceholderTest {

    private static final String POLICY = """
            allow all to publish, subscribe "${username}/#"
            allow all to publish "devices/${clientid}/up"
            """;

    private static ClientBinding bind(String clientId, String username) throws Exception {
        return Policy.fromString("dollar.acl", POLICY).bind(ClientInfo.builder(clientId).username(username).build());
    }

    @Test
    void aUsernameStartingWithDollarReachesNoDollarTopic() throws Exception {
        ClientBinding sys = bind("c1", "$SYS");
        assertThat(sys.subscribe("$SYS/#", 0).verdict()).isEqualTo(Verdict.DENY);
        assertThat(sys.publish("$SYS/broker/uptime", 0, false).verdict()).isEqualTo(Verdict.DENY);
        assertThat(sys.deliver("$SYS/broker/uptime", Subscription.of("$SYS/#", 0)).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void aClientIdStartingWithDollarMatchesNothingInAnyLevel() throws Exception {
        assertThat(bind("$dev", "u").publish("devices/$dev/up", 0, false).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void ordinaryValuesStillRender() throws Exception {
        ClientBinding alice = bind("dev1", "alice");
        assertThat(alice.subscribe("alice/#", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(alice.publish("devices/dev1/up", 0, false).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(bind("a$b", "u").publish("devices/a$b/up", 0, false).verdict()).isEqualTo(Verdict.ALLOW);
    }
}
