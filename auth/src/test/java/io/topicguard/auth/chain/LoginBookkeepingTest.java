package io.topicguard.auth.chain;

import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chain remembers of logins (the limits per address and username, the password cache) is
 * kept on the threads that walk it: a connect storm of 10,000 password logins handed as many tidy-ups
 * to the common pool, each a thread woken (issue 20 item 5).
 */
class LoginBookkeepingTest {

    @Test
    void loginsHandNoWorkToTheCommonPool() throws Exception {
        PasswordFileAuthenticator passwords = new PasswordFileAuthenticator(Path.of("passwd"),
                (user, password) -> Verification.OK, 1, Duration.ofMinutes(1));
        ForkJoinPool pool = ForkJoinPool.commonPool();
        try (AuthenticationChain chain = AuthenticationChain.of(List.of(passwords))) {
            pool.awaitQuiescence(10, TimeUnit.SECONDS);
            long before = pool.getStealCount();
            for (int i = 0; i < 500; i++) {
                ConnectCredentials c = new ConnectCredentials("user-" + i, "pw".getBytes(StandardCharsets.UTF_8), "client-" + i,
                        InetAddress.getByAddress(new byte[] {10, 0, (byte) (i / 250), (byte) (i % 250)}), null, "tcp");
                assertThat(chain.authenticate(c).get(10, TimeUnit.SECONDS).outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
                assertThat(chain.authenticate(c).get(10, TimeUnit.SECONDS).trace()).as("the reconnect is answered from the cache")
                        .contains("password-file");
            }
            pool.awaitQuiescence(10, TimeUnit.SECONDS);
            assertThat(pool.getStealCount() - before).as("tasks the common pool ran for 1,000 logins").isZero();
        }
    }
}
