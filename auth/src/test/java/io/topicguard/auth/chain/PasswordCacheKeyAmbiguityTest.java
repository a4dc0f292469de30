package io.topicguard.auth.chain;

import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: the verification cache was keyed by HMAC(username ‖ 0 ‖ password), so after
 * alice logged in with a password holding NUL ("p\0q"), a client presenting the username
 * "alice\0p" — not in the password file — and the password "q" hit alice's cache entry and was
 * let in (MQTT passwords are binary; Netty's decoder does not reject NUL in a username).
 */
class PasswordCacheKeyAmbiguityTest {

    @Test
    void aUsernameEndingInPartOfAnotherUsersPasswordDoesNotReuseTheirCachedSuccess() {
        PasswordFileAuthenticator.Verifier file = (user, password) ->
                user.equals("alice") && new String(password, StandardCharsets.UTF_8).equals("p\0q") ? Verification.OK : Verification.UNKNOWN_USER;
        PasswordFileAuthenticator auth = new PasswordFileAuthenticator(Path.of("passwd"), file, 16, Duration.ofMinutes(1));
        assertThat(auth.authenticate(Credentials.of("alice", "p\0q", "c"))).isEqualTo(Answer.allow());
        assertThat(auth.authenticate(Credentials.of("alice\0p", "q", "c")))
                .as("an unknown user whose name and password split alice's differently")
                .isEqualTo(Answer.ignore("unknown user"));
        assertThat(auth.cachedAllow(Credentials.of("alice\0p", "q", "c"))).isNull();
    }
}
