package io.topicguard.cli;

import io.topicguard.testkit.pki.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve --config FILE} and {@code serve --config FILE --check} (docs/configuration.md):
 * every problem of the file and of the files it names is reported at once, with exit status 2
 * and nothing started; {@code --check} binds nothing; an option on the command line wins over
 * the file's key, and options that name a listener address it by name.
 */
class ServeConfigTest {

    @TempDir
    Path dir;

    private Path etc;

    @BeforeEach
    void files() throws Exception {
        etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("policy.acl"), "anonymous allow\nallow listener \"ws\" to publish \"web/#\"\n");
        Files.writeString(etc.resolve("passwd"), "");
        Files.writeString(etc.resolve("other-passwd"), "");
    }

    private Path config(String yaml) throws Exception {
        Path file = etc.resolve("topicguard.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static Cli.Run serve(Path config, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "serve";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return Cli.run(args);
    }

    @Test
    void checkLoadsEverythingAndBindsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path file = config("""
                    policy: policy.acl
                    listeners:
                      - {name: tcp, port: %d}
                      - {name: ws, port: 0, websocket: {path: /mqtt}}
                    authentication:
                      - password-file: passwd
                    persistence: false
                    """.formatted(taken.getLocalPort()));

            Cli.Run run = serve(file, "--check");

            assertThat(run.status()).as("a port in use does not matter to --check: " + run).isZero();
            assertThat(run.out()).contains("topicguard.yaml: ok\n")
                    .contains("(native, 1 rule)\n")
                    .contains("listener: tcp 127.0.0.1:" + taken.getLocalPort() + "\n")
                    .contains("listener: ws 127.0.0.1:0 /mqtt\n")
                    .contains("authentication: password-file\n")
                    .doesNotContain("persistence");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void everyProblemOfTheFileIsReportedAtItsLineAtOnce() throws Exception {
        Path file = config("""
                policy: policy.acl
                listners:
                  - {name: tcp, port: 1883}
                listeners:
                  - {name: tcp, port: 70000}
                  - {name: tls, port: 8883, tls: {cert: server.pem, key: server.key}}
                authentication:
                  - password-file: no-such-passwd
                sys-interval: 10 seconds
                """);

        Cli.Run run = serve(file, "--port", "0");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                file + ":2:1: error: unknown key 'listners' in the configuration: did you mean 'listeners'?",
                file + ":5:23: error: bad port 70000: ports are 0 to 65535 (0 picks a free port)",
                file + ":6:41: error: certificate file 'server.pem' not found: looked for " + etc.resolve("server.pem"),
                file + ":6:58: error: key file 'server.key' not found: looked for " + etc.resolve("server.key"),
                file + ":8:20: error: password file 'no-such-passwd' not found: looked for " + etc.resolve("no-such-passwd"),
                file + ":9:15: error: bad duration '10 seconds' for sys-interval: write a number and a unit, e.g. 500ms, 2s, 5m or 1h");
        assertThat(run.out()).as("nothing started").isEmpty();
    }

    @Test
    void problemsInsideTheNamedFilesAreReportedTogether() throws Exception {
        Files.writeString(etc.resolve("policy.acl"), "allow all to publish\n");
        Files.writeString(etc.resolve("not-pem.txt"), "hello\n");
        Files.writeString(etc.resolve("broken-passwd"), "alice\n");
        Path file = config("""
                policy: policy.acl
                listeners:
                  - {name: tcp, port: 1883, bind: broker.example}
                  - {name: secure, port: 8883, tls: {cert: not-pem.txt, key: not-pem.txt}}
                authentication:
                  - password-file: broken-passwd
                """);

        Cli.Run run = serve(file, "--check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("policy.acl:1:").contains("error:")
                .contains("topicguard serve: listener tcp: bind must be an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::, got 'broker.example'")
                .contains("topicguard serve: listener secure: --cert " + etc.resolve("not-pem.txt") + ": not PEM (no '-----BEGIN' line found)")
                .contains("topicguard serve: authentication: ").contains("broken-passwd")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void optionsWinOverTheFileAndAddressListenersByName() throws Exception {
        TestPki.ServerFiles pki = TestPki.serverFiles(etc, TestPki.ca("Test CA"));
        Path file = config("""
                policy: policy.acl
                listeners:
                  - {name: tcp, port: 1883}
                  - {name: tls, port: 8883, tls: {cert: %s, key: %s}}
                  - {name: ws, port: 8080, websocket: {path: /mqtt}}
                authentication:
                  - trust-username: true
                  - password-file: passwd
                metrics: {port: 9100}
                """.formatted(pki.cert().getFileName(), pki.key().getFileName()));

        Cli.Run run = serve(file, "--check", "--port", "1999", "--tls-port", "9999", "--ws-port", "0", "--bind", "0.0.0.0",
                "--passwd", etc.resolve("other-passwd").toString(), "--metrics-port", "9200");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("listener: tcp 0.0.0.0:1999\nlistener: tls 0.0.0.0:9999\nlistener: ws 0.0.0.0:0 /mqtt\n")
                .contains("authentication: trust-username → password-file\n")
                .contains("metrics: 127.0.0.1:9200\n")
                .doesNotContain("note:");
    }

    @Test
    void optionsAddTheListenerTheFileDoesNotHave() throws Exception {
        Path file = config("policy: policy.acl\nlisteners:\n  - {name: tcp, port: 1883}\n");

        Cli.Run run = serve(file, "--check", "--ws-port", "8080");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("listener: tcp 127.0.0.1:1883\nlistener: ws 127.0.0.1:8080 /mqtt\n")
                .contains("authentication: none (anonymous clients only, if the policy allows them)\n")
                .contains("persistence: " + file.getParent().resolve("data") + "\n"); // on by default with --config, beside the file
    }

    @Test
    void withoutAFileTheWsPortOptionAddsAWebSocketListenerBesideTcp() {
        Cli.Run run = Cli.run("serve", "--policy", etc.resolve("policy.acl").toString(), "--ws-port", "9001", "--check");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("ok\n").contains("listener: tcp 127.0.0.1:1883\nlistener: ws 127.0.0.1:9001 /mqtt\n")
                .doesNotContain("persistence");
    }

    @Test
    void tlsFilesWithoutATlsListenerAreAUsageError() throws Exception {
        Path file = config("policy: policy.acl\n");

        Cli.Run run = serve(file, "--check", "--cert", "server.pem");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard serve: --cert, --key, --cafile and --require-client-cert need --tls-port"
                + " (or a listener named tls in " + file.toAbsolutePath().normalize() + ")");
    }

    @Test
    void aFileWithoutAPolicyNeedsThePolicyOption() throws Exception {
        Path file = config("listeners:\n  - {name: tcp, port: 1883}\n");

        assertThat(serve(file, "--check").err()).contains("has no policy: key and --policy was not given");
        Cli.Run withPolicy = serve(file, "--check", "--policy", etc.resolve("policy.acl").toString());
        assertThat(withPolicy.status()).as(withPolicy.toString()).isZero();
    }

    @Test
    void neitherPolicyNorConfigIsAUsageError() {
        Cli.Run run = Cli.run("serve", "--port", "0");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard serve: Missing required option: '--policy=FILE' (or --config FILE with a policy: key)");
    }
}
