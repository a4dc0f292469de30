package io.topicguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.topicguard.cli.ServeRun;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: {@code serve --port 70000} printed "internal error: IllegalArgumentException" and
 * {@code --bind 999.1.1.1} "cannot listen ...: null" with status 1. Both are usage errors (status 2)
 * with one sentence naming the option and the value.
 */
class ServeListenOptionsTest {

    @TempDir
    Path dir;

    private ServeRun.Result serve(String... options) throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, "default deny\n");
        return ServeRun.serve(policy, options);
    }

    @ParameterizedTest
    @CsvSource({"--port,70000", "--port,-1", "--metrics-port,65536"})
    void aPortOutsideTheRangeIsAUsageError(String option, String value) throws Exception {
        ServeRun.Result run = serve(option, value);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(option + " must be a port number 0..65535 (0 picks a free one), got " + value)
                .doesNotContain("Exception");
    }

    @ParameterizedTest
    @CsvSource({"--bind,999.1.1.1", "--bind,broker.example", "--metrics-bind,10.0.0"})
    void aListenAddressThatIsNotAnIpLiteralIsAUsageError(String option, String value) throws Exception {
        ServeRun.Result run = serve(option, value, "--port", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(option + " must be an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::, got '" + value + "'")
                .doesNotContain("null");
    }

    @Test
    void aTlsPortOutsideTheRangeIsAUsageError() throws Exception {
        ServeRun.Result run = serve("--port", "0", "--tls-port", "100000", "--cert", "c.pem", "--key", "k.pem");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--tls-port must be a port number 0..65535");
    }
}
