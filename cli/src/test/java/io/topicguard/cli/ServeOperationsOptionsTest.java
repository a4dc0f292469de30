package io.topicguard.cli;

import io.topicguard.cli.ServeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard serve}'s live-operations options refuse bad values with one clear line. */
class ServeOperationsOptionsTest {

    @TempDir
    Path dir;

    private ServeRun.Result serve(String... options) throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, "anonymous allow\n");
        String[] withFreePort = new String[options.length + 2];
        withFreePort[0] = "--port";
        withFreePort[1] = "0";
        System.arraycopy(options, 0, withFreePort, 2, options.length);
        return ServeRun.serve(policy, withFreePort);
    }

    @Test
    void decisionCacheTakesOnOrOff() throws Exception {
        ServeRun.Result run = serve("--decision-cache", "maybe");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--decision-cache takes on or off, got 'maybe'").doesNotContain("Exception");
    }

    @Test
    void aNegativeSysIntervalIsRefused() throws Exception {
        ServeRun.Result run = serve("--sys-interval", "-1");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--sys-interval must not be negative, got -1");
    }

    @Test
    void aTakenMetricsPortIsOneLineWithStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServeRun.Result run = serve("--metrics-port", Integer.toString(taken.getLocalPort()));
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("topicguard serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (admin)")
                    .doesNotContain("\n");
        }
    }
}
