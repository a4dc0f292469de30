package io.topicguard.cli;

import io.topicguard.broker.protocol.ProtocolLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard serve}'s resource-limit options reach the broker's limits, and bad values are one clear line. */
class ServeLimitOptionsTest {

    @TempDir
    Path dir;

    @Test
    void everyLimitOptionSetsItsLimitAndTheOthersKeepTheirDefaults() {
        LimitOptions o = new LimitOptions();
        new CommandLine(o).parseArgs("--max-queued-messages", "5", "--max-queued-bytes", "4096", "--queue-overflow", "drop-oldest",
                "--max-retained-messages", "7", "--max-retained-bytes", "8192", "--max-subscriptions", "9", "--max-topic-length", "100",
                "--max-filter-length", "110", "--max-sessions", "11", "--persistent-session-expiry", "3600", "--max-keepalive", "120",
                "--incomplete-packet-timeout", "15", "--receive-maximum", "20");
        ProtocolLimits l = ServeLimits.of(o);
        assertThat(l).isEqualTo(ProtocolLimits.defaults().toBuilder().maximumQueued(5).maximumQueuedBytes(4096)
                .queueOverflow(ProtocolLimits.QueueOverflow.DROP_OLDEST).maximumRetained(7).maximumRetainedBytes(8192).maximumSubscriptions(9)
                .maximumTopicLength(100).maximumFilterLength(110).maximumSessions(11).maximumSessionExpiry(3600).maximumKeepAlive(120)
                .incompletePacketTimeout(java.time.Duration.ofSeconds(15)).receiveMaximum(20).build());
        assertThat(ServeLimits.of(new LimitOptions())).isEqualTo(ProtocolLimits.defaults());
    }

    @Test
    void optionsWinOverTheConfigurationFilesLimitsKeys() {
        LimitOptions o = new LimitOptions();
        new CommandLine(o).parseArgs("--max-sessions", "5");
        o.orFrom(new io.topicguard.auth.config.LimitsConfig(null, 7, null, "drop-oldest", null, null, null, null, null, 9,
                java.time.Duration.ofHours(1), null, null, 30, 20_000));
        assertThat(ServeLimits.of(o)).isEqualTo(ProtocolLimits.defaults().toBuilder().maximumSessions(5).maximumQueued(7)
                .queueOverflow(ProtocolLimits.QueueOverflow.DROP_OLDEST).maximumSessionExpiry(3600).receiveMaximum(30).build());
        assertThat(o.authQueue).isEqualTo(20_000);
    }

    @Test
    void theAuthenticationQueueOptionWinsOverItsKeyAndIsLeftUnsetOtherwise() {
        LimitOptions o = new LimitOptions();
        new CommandLine(o).parseArgs("--auth-queue", "50000");
        o.orFrom(new io.topicguard.auth.config.LimitsConfig(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, 20_000));
        assertThat(o.authQueue).isEqualTo(50_000);
        assertThat(new LimitOptions().authQueue).isNull();
    }

    @Test
    void anEmptyAuthenticationQueueIsAUsageError() throws Exception {
        ServeRun.Result run = serve("--auth-queue", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--auth-queue must be at least 1, got 0");
    }

    private ServeRun.Result serve(String option, String value) throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, "anonymous allow\n");
        return ServeRun.serve(policy, "--port", "0", option, value);
    }

    @Test
    void aBadQueueOverflowIsAUsageError() throws Exception {
        ServeRun.Result run = serve("--queue-overflow", "drop-all");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--queue-overflow takes drop-newest or drop-oldest, got 'drop-all'");
    }

    @Test
    void anOutOfRangeLimitIsAUsageError() throws Exception {
        ServeRun.Result run = serve("--max-sessions", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--max-sessions must be at least 1, got 0");
    }
}
