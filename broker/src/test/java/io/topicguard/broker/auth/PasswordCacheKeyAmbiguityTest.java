package io.topicguard.broker.auth;

import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: the verification cache was keyed by HMAC(username ‖ 0 ‖ password), so after
 * alice logged in with a password holding NUL ("p\0q"), a client presenting the username
 * "alice\0p" — not in the password file — and the password "q" hit alice's cache entry and was
 * let in (MQTT passwords are binary; Netty's decoder does not reject NUL in a username).
 */
class PasswordCacheKeyAmbiguityTest {

    @Test
    void aUsernameEndingInPartOfAnotherUsersPasswordDoesNotReuseTheirCachedSuccess() throws Exception {
        PasswordAuthenticator.Verifier file = (user, password) ->
                user.equals("alice") && new String(password, StandardCharsets.UTF_8).equals("p\0q") ? Verification.OK : Verification.UNKNOWN_USER;
        try (PasswordAuthenticator auth = new PasswordAuthenticator(null, file, 16, 1, 10, Duration.ofMinutes(1))) {
            assertThat(auth.verify("alice", "p\0q".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(PasswordAuthenticator.Result.OK);
            assertThat(auth.verify("alice\0p", "q".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS))
                    .as("an unknown user whose name and password split alice's differently")
                    .isEqualTo(PasswordAuthenticator.Result.BAD_CREDENTIALS);
        }
    }
}
