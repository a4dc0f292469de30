package io.topicguard.broker.imports;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.server.Broker;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.engine.Subscription;
import io.topicguard.testkit.mqtt.MosquittoProcess;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.PolicyImporter;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Differential test of the mosquitto importer against the real thing (issue 6): random small
 * acl_files (fixed seeds, so a failure reproduces) are loaded into Debian's mosquitto on a free
 * loopback port; real clients publish every topic of a small vocabulary and receive through a
 * {@code #} subscription, and what got through must be exactly what the imported policy decides.
 * The same clients then run against topicguard's own broker enforcing the imported policy, which
 * must let through the same messages.
 *
 * <p>Each run's acl_file ends with {@code user feeder / topic readwrite #} and
 * {@code pattern readwrite $done/%c}: the feeder publishes to everyone and watches everyone's
 * publishes, and a client's own {@code $done/<clientid>} message, sent last over the same
 * connection, marks the end of its messages (MQTT orders one publisher's QoS 1 messages), so no
 * test waits on a clock. Neither line touches the vocabulary: '#' and '+' never match a '$' topic.
 *
 * <p>Skipped, with a message, when the {@code mosquitto} binary is not installed.
 */
class MosquittoDifferentialTest {

    private static final long[] SEEDS = {0, 1, 2, 3, 4};
    /** Seed 0: a hand-picked file with the readings most likely to go wrong. */
    private static final String PICKED = """
            topic read a/#
            topic deny a/c
            user alice
            topic readwrite a/#
            topic deny a/b
            user bob
            topic write x/+/y
            """;
    private static final String PICKED_PATTERNS = """
            pattern readwrite sensor-%c/up
            pattern read %u/x
            pattern deny a/%u
            pattern write a/%c
            """;
    private static final String[] TOPICS = {"a", "a/b", "a/c", "b/x", "c2/x", "alice/x", "a/c2", "a/alice", "x/alice/y", "x/c3/y", "sensor-c2/up"};
    /** username (null: anonymous) and client id. */
    private static final String[][] CLIENTS = {{null, "c1"}, {"alice", "c2"}, {"bob", "c3"}, {"carol", "c4"}};
    private static final String[] USERS = {null, "alice", "bob"};
    private static final String[] ACCESS = {"read", "write", "readwrite", "deny"};
    private static final String[] TOPIC_LINES = {"a", "a/b", "a/+", "a/#", "#", "+/x", "x/+/y", "b/x"};
    private static final String[] PATTERN_LINES = {"%c/x", "%u/x", "a/%c", "a/%u", "%c/#", "x/%u/#", "sensor-%c/up", "a/#", "+/x"};
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void importedPolicyLetsThroughExactlyWhatMosquittoLetsThrough() throws Exception {
        assumeTrue(MosquittoProcess.installed("mosquitto"), "the mosquitto binary is not installed (Debian package 'mosquitto'); differential test skipped");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (long seed : SEEDS) {
            String acl = aclFile(seed);
            Path file = dir.resolve("acl_file-" + seed);
            Files.writeString(file, acl);
            // Started as root, mosquitto drops to its own user, which must be able to read the file.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            PolicyAst ast = imported(file);
            Policy policy = Policy.compile(ast);
            try (MosquittoProcess mosquitto = MosquittoProcess.start(dir, "mosquitto-" + seed,
                    "allow_anonymous true", "persistence false", "acl_file " + file)) {
                compare("mosquitto, seed " + seed, acl, policy, mosquitto.port());
            }
            // The same clients against topicguard's own broker enforcing the imported policy.
            try (Broker ours = TestBroker.start(AccessControl.of(Policy.compile(withAnonymousAllowed(ast))))) {
                compare("topicguard, seed " + seed, acl, policy, ours.tcpPort());
            }
        }
    }

    private void compare(String run, String acl, Policy policy, int port) throws Exception {
        String context = run + ", acl_file:\n" + acl;
        List<V3Client> clients = new ArrayList<>();
        try (V3Client feeder = connect(port, "feeder", "feeder")) {
            feeder.subscribe("#", 1);
            feeder.subscribe("$done/#", 1);
            for (String[] c : CLIENTS) {
                V3Client client = connect(port, c[0], c[1]);
                clients.add(client);
                client.subscribe("#", 1);
                client.subscribe("$done/" + c[1], 1);
            }
            // Delivery: the feeder may publish everything; what reaches each client through '#'?
            for (String topic : TOPICS) {
                feeder.publish(topic, topic, 1, false);
            }
            for (int i = 0; i < CLIENTS.length; i++) {
                feeder.publish("$done/" + CLIENTS[i][1], "end", 1, false);
            }
            // The feeder hears its own messages too (MQTT 3.1.1 has no no-local); drain them.
            feeder.publish("$done/feeder", "end", 1, false);
            untilDone(feeder, "feeder");
            for (int i = 0; i < CLIENTS.length; i++) {
                Set<String> received = untilDone(clients.get(i), CLIENTS[i][1]);
                ClientBinding binding = bind(policy, CLIENTS[i]);
                assertThat(received).as("delivered to %s/%s through '#', %s", CLIENTS[i][0], CLIENTS[i][1], context)
                        .isEqualTo(expected(t -> delivered(binding, t)));
            }
            // Publish: each client publishes everything; what reaches the feeder?
            for (int i = 0; i < CLIENTS.length; i++) {
                for (String topic : TOPICS) {
                    clients.get(i).publish(topic, topic, 1, false);
                }
                clients.get(i).publish("$done/" + CLIENTS[i][1], "end", 1, false);
                Set<String> published = untilDone(feeder, CLIENTS[i][1]);
                ClientBinding binding = bind(policy, CLIENTS[i]);
                assertThat(published).as("published by %s/%s, %s", CLIENTS[i][0], CLIENTS[i][1], context)
                        .isEqualTo(expected(t -> binding.publish(t, 1, false).allowed()));
            }
        } finally {
            clients.forEach(V3Client::close);
        }
    }

    private static boolean delivered(ClientBinding binding, String topic) {
        Decision subscribe = binding.subscribe("#", 1);
        return switch (subscribe.verdict()) {
            case ALLOW -> true;
            case DENY -> false;
            case PARTIAL -> binding.deliver(topic, Subscription.of("#", 1)).allowed();
        };
    }

    private static Set<String> expected(java.util.function.Predicate<String> allowed) {
        Set<String> out = new TreeSet<>();
        for (String topic : TOPICS) {
            if (allowed.test(topic)) {
                out.add(topic);
            }
        }
        return out;
    }

    /** Topics received until the {@code $done/<clientId>} marker, which comes after every earlier message. */
    private static Set<String> untilDone(V3Client client, String clientId) throws InterruptedException {
        Set<String> topics = new TreeSet<>();
        while (true) {
            Received r = client.next(WAIT);
            if (r.topic().equals("$done/" + clientId)) {
                return topics;
            }
            if (!r.topic().startsWith("$done/")) {
                topics.add(r.topic());
            }
        }
    }

    private static ClientBinding bind(Policy policy, String[] client) {
        return policy.bind(ClientInfo.builder(client[1]).username(client[0]).build());
    }

    private static V3Client connect(int port, String username, String clientId) throws Exception {
        MqttConnectOptions options = V3Client.options();
        options.setMaxInflight(1000);
        if (username != null) {
            options.setUserName(username);
        }
        return V3Client.connect(port, clientId, options);
    }

    /** Up to eight lines for the anonymous section, alice, bob and patterns, plus the harness lines. */
    static String aclFile(long seed) {
        if (seed == 0) {
            return harness(PICKED, PICKED_PATTERNS);
        }
        return randomAclFile(new Random(seed));
    }

    private static String harness(String sections, String patterns) {
        return sections + "user feeder\ntopic readwrite #\ntopic readwrite $done/#\n" + patterns + "pattern readwrite $done/%c\n";
    }

    static String randomAclFile(Random random) {
        StringBuilder anonymous = new StringBuilder();
        StringBuilder alice = new StringBuilder();
        StringBuilder bob = new StringBuilder();
        StringBuilder patterns = new StringBuilder();
        int lines = 1 + random.nextInt(8);
        for (int i = 0; i < lines; i++) {
            String access = ACCESS[random.nextInt(ACCESS.length)];
            if (random.nextInt(5) < 2) {
                patterns.append("pattern ").append(access).append(' ').append(PATTERN_LINES[random.nextInt(PATTERN_LINES.length)]).append('\n');
                continue;
            }
            String user = USERS[random.nextInt(USERS.length)];
            StringBuilder section = user == null ? anonymous : user.equals("alice") ? alice : bob;
            section.append("topic ").append(access).append(' ').append(TOPIC_LINES[random.nextInt(TOPIC_LINES.length)]).append('\n');
        }
        return harness(anonymous + "user alice\n" + alice + "user bob\n" + bob, patterns.toString());
    }

    private static PolicyAst imported(Path file) {
        ImportResult result = PolicyImporter.parse(file, PolicyFormat.MOSQUITTO);
        assertThat(result.result()).as(() -> result.result().toString()).isInstanceOf(ParseResult.Success.class);
        return ((ParseResult.Success) result.result()).policy();
    }

    /** mosquitto runs with allow_anonymous true; topicguard needs the same setting to let c1 in. */
    private static PolicyAst withAnonymousAllowed(PolicyAst ast) {
        List<Statement> statements = new ArrayList<>(ast.statements());
        statements.add(0, new SettingStatement(Setting.ANONYMOUS_ALLOW, new SourcePosition("test", 1, 1), "anonymous allow"));
        return new PolicyAst(statements, ast.files());
    }
}
