package io.topicguard.cli;

import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code topicguard serve} run as its own process: without an authenticator only anonymous
 * clients get in (a username is no longer taken at its word); {@code --trust-usernames} opts back
 * in, with a WARN at startup; {@code --use-username-as-clientid} gives each client its username as
 * client id.
 */
class ServeAuthenticationTest {

    private static final String POLICY = "anonymous allow\nallow all to subscribe \"devices/${clientid}/#\"\n";

    @TempDir
    Path dir;

    private ServeProcess serve;

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null) {
            serve.close();
        }
    }

    /** Starts serve with {@code options}; returns its port. */
    private int start(String... options) throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, POLICY);
        List<String> args = new ArrayList<>(List.of("--policy", policy.toString(), "--port", "0", "--sys-interval", "0"));
        args.addAll(List.of(options));
        serve = ServeProcess.start(dir, dir.resolve("serve.log"), args.toArray(String[]::new));
        Integer port = serve.awaitListening(1).get("tcp");
        assertThat(port).as(serve.log()).isNotNull();
        return port;
    }

    private String read() throws IOException {
        return serve.log();
    }

    @Test
    void withoutAnAuthenticatorOnlyAnonymousClientsGetIn() throws Exception {
        int port = start();
        assertThat(V5Client.connectReasonCode(port, "anon", V5Client.options())).isZero();
        assertThat(V5Client.connectReasonCode(port, "named", V5Client.login("someone"))).isEqualTo(0x86);
        assertThat(read()).contains("only anonymous clients are admitted").doesNotContain("WARN");
    }

    @Test
    void trustUsernamesTakesThemAtTheirWordWithAWarning() throws Exception {
        int port = start("--trust-usernames", "--use-username-as-clientid");
        try (V5Client c = V5Client.connect(port, "chosen-id", V5Client.login("someone"))) {
            assertThat(c.subscribe("devices/someone/#", 1)).as("its client id is its username").isEqualTo(1);
            assertThat(c.subscribe("devices/chosen-id/#", 1)).isEqualTo(0x87);
        }
        assertThat(read()).containsPattern("WARN .*trust-username: any username a client presents is admitted");
    }
}
