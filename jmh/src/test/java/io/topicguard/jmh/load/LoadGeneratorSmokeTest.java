package io.topicguard.jmh.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Drives each broker for about a second, so the load generator cannot rot. Not a measurement. */
class LoadGeneratorSmokeTest {

    @TempDir
    Path workDir;

    private List<LoadResult> runFor(String kinds, String broker, String qos, String topicguardMode) throws Exception {
        return runFor(kinds, broker, qos, topicguardMode, "0.2", "1000000");
    }

    private List<LoadResult> runFor(String kinds, String broker, String qos, String topicguardMode, String warmup,
                                    String maxMessages) throws Exception {
        return runFor(kinds, broker, qos, topicguardMode, warmup, maxMessages, "1");
    }

    private List<LoadResult> runFor(String kinds, String broker, String qos, String topicguardMode, String warmup,
                                    String maxMessages, String rounds) throws Exception {
        Map<String, String> options = LoadGenerator.parse("--policy-kinds", kinds, "--brokers", broker, "--rules", "100",
                "--qos", qos, "--pairs", "2", "--window", "20", "--warmup", warmup, "--seconds", "0.5",
                "--max-messages", maxMessages, "--rounds", rounds,
                "--topicguard-heap", "256m", "--topicguard-mode", topicguardMode, "--work-dir", workDir.toString());
        return LoadGenerator.run(options);
    }

    /** Every run delivered, without a note, in the order kinds, then QoS levels. */
    private static void assertDelivered(List<LoadResult> results, String... policyAndQos) {
        assertThat(results).extracting(r -> r.policy() + " " + r.qos()).containsExactly(policyAndQos);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.note()).as(r.toString()).isNull();
            assertThat(r.delivered()).as(r.toString()).isPositive();
            assertThat(r.p99Micros()).as(r.toString()).isGreaterThanOrEqualTo(r.p50Micros()).isPositive();
        });
    }

    @Test
    void inProcessTopicguardDeliversTheLoadOfBothPolicyKindsAtQos0And1() throws Exception {
        List<LoadResult> results = runFor("user,pattern", "topicguard", "0,1", "in-process");
        assertDelivered(results, "user 0", "user 1", "pattern 0", "pattern 1");
        // A broker in the generator's own JVM has no CPU time of its own to tell apart.
        assertThat(results).allSatisfy(r -> assertThat(r.cpu().brokerPercent()).as(r.toString()).isNull());
    }

    @Test
    void eachRoundRunsEveryConfigurationAgainstAFreshBroker() throws Exception {
        List<LoadResult> results = runFor("pattern", "topicguard", "0", "in-process", "0.2", "1000000", "2");
        assertDelivered(results, "pattern 0", "pattern 0");
        assertThat(results).extracting(LoadResult::round).containsExactly(1, 2);
    }

    @Test
    void comparisonRoundsRunOnlyTheFewestAndMostRulesAfterTheSharedRounds() throws Exception {
        Map<String, String> options = LoadGenerator.parse("--policy-kinds", "user", "--brokers", "topicguard",
                "--rules", "1,10,100", "--qos", "0", "--pairs", "2", "--window", "20", "--warmup", "0.1",
                "--seconds", "0.3", "--rounds", "1", "--comparison-rounds", "2", "--topicguard-mode", "in-process",
                "--work-dir", workDir.toString());
        List<LoadResult> results = LoadGenerator.run(options);
        assertThat(results).allSatisfy(r -> assertThat(r.note()).as(r.toString()).isNull());
        // Round 2 runs backwards, like every even round.
        assertThat(results).extracting(r -> r.round() + ":" + r.rules()).containsExactly("1:1", "1:10", "1:100", "2:100", "2:1");
    }

    /** One run of the load against an in-process topicguard with this policy instead of a {@link LoadPolicy}. */
    private LoadResult runAgainst(String policyText, int qos) throws Exception {
        Path policy = Files.writeString(workDir.resolve("custom.acl"), policyText);
        Path passwords = Files.writeString(workDir.resolve("passwd"),
                PasswordLines.sha512Line(LoadPolicy.USERNAME, LoadPolicy.PASSWORD) + "\n");
        try (BrokerUnderTest broker = InProcessTopicguard.start(policy, passwords)) {
            return LoadRun.run(broker, new LoadPolicy(LoadPolicy.Kind.USER, 1), qos,
                    new LoadSettings(2, 20, Duration.ZERO, Duration.ofMillis(300), 1_000_000));
        }
    }

    @Test
    void aRefusedSubscriptionIsANoteNotAMeasurement() throws Exception {
        LoadResult result = runAgainst("default deny\nanonymous deny\n"
                + "allow username \"bench\" to publish, subscribe \"elsewhere/#\"\n", 1);
        assertThat(result.note()).contains("refused the subscription to load/0");
        assertThat(result.delivered()).isZero();
    }

    @Test
    void trafficTheBrokerDropsIsAStallNotAMeasurement() throws Exception {
        // Subscribing is allowed, publishing is not: a QoS 0 PUBLISH is dropped without a word.
        LoadResult result = runAgainst("default deny\nanonymous deny\n"
                + "allow username \"bench\" to subscribe \"load/#\"\n", 0);
        assertThat(result.note()).contains("stalled").contains("dropped or denied by topicguard");
        assertThat(result.delivered()).isZero();
    }

    @Test
    void topicguardServeInAChildJvmDeliversTheLoad() throws Exception {
        // The mode the report measures: topicguard serve, started with this JVM's class path, on the
        // placeholder policy (the user kind's rules are plain literals and need no proof of their own here).
        // A cold broker JVM on a busy machine may take longer than 0.2 s to return its first window,
        // and a run counts only messages sent after the warmup: give it a longer one, and a message
        // cap that a warm broker cannot use up in it (the run is bounded by its time).
        List<LoadResult> results = runFor("pattern", "topicguard", "1", "process", "2", "1000000");
        assertDelivered(results, "pattern 1");
        // The broker's and the clients' CPU in the measured window, and the machine's steal where it is known.
        CpuUsage cpu = results.get(0).cpu();
        assertThat(cpu.brokerPercent()).isPositive();
        assertThat(cpu.clientsPercent()).isPositive();
        if (Files.isReadable(Path.of("/proc/stat"))) {
            assertThat(cpu.stealPercent()).isBetween(0.0, 100.0);
        }
        assertThat(results.get(0).attempts()).isBetween(1, LoadGenerator.MAX_ATTEMPTS);
    }

    @Test
    void mosquittoDeliversTheLoadOfBothPolicyKindsThroughItsTranslatedAcl() throws Exception {
        assumeTrue(Brokers.findMosquitto().isPresent(), "mosquitto is not installed (jmh/run-benchmarks.sh installs it)");
        assertDelivered(runFor("user,pattern", "mosquitto", "0,1", "process"), "user 0", "user 1", "pattern 0", "pattern 1");
    }
}
