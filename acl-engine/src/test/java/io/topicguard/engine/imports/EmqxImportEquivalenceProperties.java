package io.topicguard.engine.imports;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.PolicyImporter;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.engine.Verdict;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An imported acl.conf decides publishing, and subscribing to a topic name, exactly as EMQX does
 * ({@link EmqxModel}). Subscriptions to wildcard filters differ on purpose (docs/migration.md).
 */
class EmqxImportEquivalenceProperties {

    private static final String[] USERNAMES = {null, "alice", "anna", "bob"};
    private static final String[] CLIENT_IDS = {"c1", "c2"};
    private static final String[] TOPICS = {"a", "a/b", "a/c", "b", "c1/x", "alice/x", "x/c2", "$SYS/x", "s-c1"};

    @Property(tries = 300)
    void publishAndTopicSubscriptionsMatchEmqx(@ForAll("files") EmqxModel model) throws PolicyLoadException {
        String conf = model.aclConf();
        ImportResult result = PolicyImporter.parseString("acl.conf", conf, PolicyFormat.EMQX);
        assertThat(result.result()).as(() -> conf + "\n" + result.result()).isInstanceOf(ParseResult.Success.class);
        Policy policy = Policy.compile(((ParseResult.Success) result.result()).policy());
        for (String username : USERNAMES) {
            for (String clientId : CLIENT_IDS) {
                ClientBinding client = policy.bind(ClientInfo.builder(clientId).username(username).build());
                for (String topic : TOPICS) {
                    String who = "username=" + username + " clientid=" + clientId + " topic=" + topic + "\n--- acl.conf\n" + conf;
                    assertThat(client.publish(topic, 1, false).allowed()).as("publish, " + who)
                            .isEqualTo(model.allowed(username, clientId, topic, true));
                    assertThat(client.subscribe(topic, 1).verdict()).as("subscribe, " + who)
                            .isEqualTo(model.allowed(username, clientId, topic, false) ? Verdict.ALLOW : Verdict.DENY);
                }
            }
        }
    }

    @Provide
    Arbitrary<EmqxModel> files() {
        Arbitrary<String> topic = Arbitraries.of("a", "a/+", "a/#", "#", "+", "eq a/b", "eq #", "${clientid}/x", "%c/x",
                "${username}/x", "%u/x", "x/${clientid}", "s-${clientid}", "$SYS/#", "b");
        Arbitrary<EmqxModel.Rule> rule = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(EmqxModel.Who.values()),
                Arbitraries.of(EmqxModel.Action.values()), topic.list().ofMinSize(1).ofMaxSize(3))
                .as(EmqxModel.Rule::new);
        return Combinators.combine(rule.list().ofMaxSize(6), Arbitraries.of(Arrays.asList(Boolean.TRUE, Boolean.FALSE, null)))
                .as(EmqxModel::new);
    }
}
