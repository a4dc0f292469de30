package io.topicguard.engine.acltest;

import io.topicguard.dsl.acltest.AclTestFile;
import io.topicguard.dsl.acltest.AclTestParser;
import io.topicguard.dsl.acltest.AclTestResult;
import io.topicguard.dsl.acltest.Expectation;
import io.topicguard.dsl.acltest.TestClient;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs test files against a policy: every expectation is asked as {@code topicguard check} asks
 * (a publish or subscribe of a client that may not connect gets that connect denial), and the
 * answer is compared with the expected verdict, reason and deciding line.
 *
 * <p>From a JUnit test:
 * <pre>{@code
 * Policy policy = Policy.load(Path.of("policy.acl"));
 * TestReport report = PolicyTests.run(policy, PolicyTests.read(Path.of("policy.acltest")));
 * assertEquals(List.of(), report.failures().stream().map(TestOutcome::describe).toList());
 * }</pre>
 */
public final class PolicyTests {

    private PolicyTests() {
    }

    /**
     * Reads test files for {@link #run(Policy, List)}.
     *
     * @throws IllegalArgumentException when a file is missing or malformed, with every problem of
     *                                  every file formatted as {@code topicguard test} prints them
     */
    public static List<AclTestFile> read(Path... files) {
        List<AclTestFile> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            AclTestResult result = AclTestParser.parseFile(file);
            if (result instanceof AclTestResult.Success ok) {
                read.add(ok.file());
            } else {
                ((AclTestResult.Failure) result).diagnostics().forEach(d -> problems.add(d.format()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return read;
    }

    /** Runs every expectation of {@code tests}, in order. */
    public static TestReport run(Policy policy, AclTestFile... tests) {
        return run(policy, List.of(tests));
    }

    /** Runs every expectation of every file of {@code tests}, in order. */
    public static TestReport run(Policy policy, List<AclTestFile> tests) {
        List<TestOutcome> outcomes = new ArrayList<>();
        for (AclTestFile file : tests) {
            for (Expectation expectation : file.expectations()) {
                Decision decision = ask(policy, expectation);
                outcomes.add(new TestOutcome(expectation, decision));
            }
        }
        return new TestReport(outcomes, RuleCoverage.of(policy.rules(), outcomes));
    }

    /** The policy's answer to {@code expectation}'s question. */
    static Decision ask(Policy policy, Expectation expectation) {
        ClientBinding binding = policy.bind(client(expectation.client()));
        Decision connect = binding.connect();
        if (expectation.action() == Expectation.Action.CONNECT || !connect.allowed()) {
            return connect;
        }
        String topic = expectation.topic();
        return expectation.action() == Expectation.Action.PUBLISH
                ? binding.publish(topic, expectation.qos(), expectation.retain())
                : binding.subscribe(topic, expectation.qos());
    }

    private static ClientInfo client(TestClient client) {
        InetAddress address = null;
        if (client.address() != null) {
            try {
                address = InetAddress.getByAddress(client.address().address()); // 4 or 16 bytes: never resolved
            } catch (UnknownHostException e) {
                throw new IllegalStateException("the parser accepted an address of " + client.address().address().length + " bytes", e);
            }
        }
        return ClientInfo.builder(client.clientId())
                .username(client.username())
                .address(address)
                .commonName(client.commonName())
                .listener(client.listener())
                .build();
    }
}
