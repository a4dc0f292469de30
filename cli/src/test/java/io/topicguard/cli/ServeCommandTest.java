package io.topicguard.cli;

import io.topicguard.cli.TopicguardCommand;
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

/**
 * {@code topicguard serve}'s refusals to start (docs/cli.md): each is a clear message on stderr
 * and an exit status, never a stack trace. A full run with SIGTERM is exercised by
 * {@code .ci/e2e-mosquitto.sh}.
 */
class ServeCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run serve(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = TopicguardCommand.execute(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), all);
        return new Run(status, out.toString(), err.toString());
    }

    private Path policy(String text) throws Exception {
        Path p = dir.resolve("policy.acl");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void policyErrorsAreDiagnosedOnStderrWithStatus2() throws Exception {
        Path p = policy("allow all to publish\n");
        Run run = serve("--policy", p.toString(), "--port", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("policy.acl:").contains("error:").doesNotContain("Exception");
    }

    @Test
    void missingPasswordFileIsOneLineWithStatus2() throws Exception {
        Path p = policy("anonymous allow\n");
        Path missing = dir.resolve("no-such-passwd");
        Run run = serve("--policy", p.toString(), "--passwd", missing.toString(), "--port", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).contains("no-such-passwd").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void tlsFilesWithoutTlsPortAreAUsageError() throws Exception {
        Path p = policy("anonymous allow\n");
        Run run = serve("--policy", p.toString(), "--cert", "server.pem");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--tls-port");
    }

    @Test
    void unusableTlsFileIsOneLineWithStatus2() throws Exception {
        Path p = policy("anonymous allow\n");
        Run run = serve("--policy", p.toString(), "--port", "0", "--tls-port", "0",
                "--cert", dir.resolve("missing.pem").toString(), "--key", dir.resolve("missing-key.pem").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).contains("missing.pem").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void portInUseIsOneLineWithStatus1() throws Exception {
        Path p = policy("anonymous allow\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run run = serve("--policy", p.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("topicguard serve: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (tcp): address already in use or not available");
        }
    }

    @Test
    void aStoreThatCannotBeOpenedIsOneLineWithStatus1AndIsLeftAsItIs() throws Exception {
        Path p = policy("anonymous allow\n");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path store = Files.writeString(data.resolve("topicguard.mv.db"), "not a store ".repeat(500));
        Run run = serve("--policy", p.toString(), "--port", "0", "--data-dir", data.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("topicguard serve: cannot open the store " + store).doesNotContain("\n");
        assertThat(Files.readString(store)).isEqualTo("not a store ".repeat(500));
    }
}
