package io.topicguard.auth.chain;

import io.topicguard.auth.config.PasswordFileConfig;
import io.topicguard.auth.config.TrustUsernameConfig;
import io.topicguard.auth.password.PasswordFileEditor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** password-file and trust-username as links of the chain, built from their configuration. */
class AuthenticatorsTest {

    @TempDir
    Path dir;
    private Path passwd;

    @BeforeEach
    void users() throws Exception {
        passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "alice", "secret".getBytes(StandardCharsets.UTF_8));
    }

    private Answer ask(Authenticator authenticator, String username, String password) {
        return authenticator.authenticate(Credentials.of(username, password, "client-1"));
    }

    @Test
    void passwordFileAllowsDeniesOrIgnores() throws Exception {
        Authenticator file = Authenticators.create(new PasswordFileConfig(passwd), Clock.systemUTC());

        assertThat(file.name()).isEqualTo("password-file");
        assertThat(ask(file, "alice", "secret")).isEqualTo(Answer.allow());
        assertThat(ask(file, "alice", "Secret")).isEqualTo(Answer.deny("wrong password"));
        assertThat(ask(file, "alice", "")).as("a zero-length password never authenticates").isEqualTo(Answer.deny("no password"));
        assertThat(ask(file, "alice", null)).isEqualTo(Answer.deny("no password"));
        assertThat(ask(file, "mallory", "secret")).isEqualTo(Answer.ignore("unknown user"));
        assertThat(ask(file, null, "secret")).isEqualTo(Answer.ignore("no username"));
    }

    @Test
    void trustUsernameAdmitsAnyUsernameButNotAnonymousClients() throws Exception {
        Authenticator trust = Authenticators.create(new TrustUsernameConfig(), Clock.systemUTC());

        assertThat(ask(trust, "anyone", null)).isEqualTo(Answer.allow());
        assertThat(ask(trust, null, "pw")).isEqualTo(Answer.ignore("no username"));
    }

    @Test
    void aKindGivenTwiceIsNumberedInTheTrace() throws Exception {
        Path other = dir.resolve("other");
        PasswordFileEditor.setPassword(other, "bob", "pw".getBytes(StandardCharsets.UTF_8));
        List<Authenticator> built = Authenticators.create(List.of(new PasswordFileConfig(passwd), new PasswordFileConfig(other),
                new TrustUsernameConfig()), Clock.systemUTC());

        assertThat(built).extracting(Authenticator::name).containsExactly("password-file", "password-file#2", "trust-username");
        try (AuthenticationChain chain = new AuthenticationChain(built, 1, 4)) {
            assertThat(chain.authenticateNow(Credentials.of("bob", "pw", "c")).trace())
                    .isEqualTo("password-file: ignore (unknown user) → password-file#2: allow");
        }
    }

    @Test
    void aMalformedPasswordFileIsASetupErrorNamingTheLine() throws Exception {
        Path bad = dir.resolve("bad");
        Files.writeString(bad, "alice:$7$nope\n");

        assertThatThrownBy(() -> Authenticators.create(List.of(new PasswordFileConfig(bad)), Clock.systemUTC()))
                .isInstanceOf(AuthenticatorSetupException.class)
                .hasMessageStartingWith(bad + ":1: user 'alice'");
    }
}
