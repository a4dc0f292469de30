package io.topicguard.broker.ops;

import io.topicguard.broker.cli.TopicguardCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard serve}'s live-operations options refuse bad values with one clear line. */
class ServeOperationsOptionsTest {

    @TempDir
    Path dir;

    private record Run(int status, String err) {
    }

    private Run serve(String... args) throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, "anonymous allow\n");
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 5];
        all[0] = "serve";
        all[1] = "--policy";
        all[2] = policy.toString();
        all[3] = "--port";
        all[4] = "0";
        System.arraycopy(args, 0, all, 5, args.length);
        int status = TopicguardCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), all);
        return new Run(status, err.toString());
    }

    @Test
    void decisionCacheTakesOnOrOff() throws Exception {
        Run run = serve("--decision-cache", "maybe");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--decision-cache takes on or off, got 'maybe'").doesNotContain("Exception");
    }

    @Test
    void aNegativeSysIntervalIsRefused() throws Exception {
        Run run = serve("--sys-interval", "-1");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--sys-interval must not be negative, got -1");
    }

    @Test
    void aTakenMetricsPortIsOneLineWithStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = serve("--metrics-port", Integer.toString(taken.getLocalPort()));
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("topicguard serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (admin)")
                    .doesNotContain("\n");
        }
    }
}
