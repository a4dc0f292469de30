package io.topicguard.auth.reload;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.auth.chain.Credentials;
import io.topicguard.auth.config.PasswordFileConfig;
import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.auth.reload.ReloadResult.Outcome;
import io.topicguard.engine.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shared reload component on real files: last good wins, only real changes reload, listeners hear what changed. */
class ReloaderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path policy(String text) throws Exception {
        Path file = dir.resolve("policy.acl");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aBrokenPolicyKeepsTheLastGoodOneAndIsReportedOncePerVersion() throws Exception {
        Path file = policy("default deny\nallow all to publish \"a/#\"\n");
        PolicySource source = PolicySource.of(file);
        List<Policy> swapped = new CopyOnWriteArrayList<>();
        try (Reloader reloader = Reloader.builder().policy(source, source.load()).onPolicySwapped(swapped::add).build()) {
            Policy first = reloader.policy();

            Files.writeString(file, "default deny\nallow all to publish \"a/#\"\n"); // same bytes: a touch
            assertThat(reloader.reloadNow("test", false).outcome()).isEqualTo(Outcome.UNCHANGED);

            Files.writeString(file, "default deny\nallow all to publish\n"); // broken
            ReloadResult failed = reloader.reloadNow("test", false);
            assertThat(failed.policy()).isEqualTo(Outcome.FAILED);
            assertThat(failed.error()).contains("policy.acl:2:");
            assertThat(reloader.policy()).isSameAs(first);
            assertThat(reloader.status().lastError()).contains("policy.acl:2:");
            assertThat(reloader.reloadNow("test", false).outcome()).as("the same broken bytes are not retried").isEqualTo(Outcome.UNCHANGED);
            assertThat(swapped).isEmpty();

            Files.writeString(file, "default deny\nallow all to publish \"a/#\"\nallow all to subscribe \"b/#\"\n");
            assertThat(reloader.reloadNow("test", false).policy()).isEqualTo(Outcome.RELOADED);
            assertThat(swapped).hasSize(1).first().isSameAs(reloader.policy());
            assertThat(reloader.policy().ruleCount()).isEqualTo(2);
            PolicyStatus status = reloader.status();
            assertThat(status.lastError()).isNull();
            assertThat(status.reloads()).isEqualTo(1);
            assertThat(status.failures()).isEqualTo(1);
            assertThat(status.files()).singleElement().satisfies(f -> assertThat(f.sha256()).isEqualTo(
                    FileDigest.sha256(Files.readAllBytes(file))));

            assertThat(reloader.reloadNow("SIGHUP", true).policy()).as("force reloads unchanged bytes").isEqualTo(Outcome.RELOADED);
        }
    }

    @Test
    void theChainsPasswordFileIsReloadedInPlaceAndChangedUsersAreRevoked() throws Exception {
        Path passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "alice", bytes("alice-1"));
        PasswordFileEditor.setPassword(passwd, "bob", bytes("bob-1"));
        PasswordFileEditor.setPassword(passwd, "carol", bytes("carol-1"));
        List<Set<String>> revoked = new CopyOnWriteArrayList<>();
        try (AuthenticationChain chain = new AuthenticationChain(
                Authenticators.create(List.of(new PasswordFileConfig(passwd)), Clock.systemUTC()), 1, 10);
             Reloader reloader = Reloader.builder().passwordFiles(chain).onRevoked(revoked::add).build()) {
            assertThat(reloader.watchedFiles()).containsExactly(passwd.toAbsolutePath().normalize());

            PasswordFileEditor.setPassword(passwd, "alice", bytes("alice-2"));
            Files.writeString(passwd, String.join("\n", Files.readAllLines(passwd).stream()
                    .filter(line -> !line.startsWith("bob:")).toList()) + "\n");
            ReloadResult result = reloader.reloadNow("test", false);

            assertThat(result.passwords()).isEqualTo(Outcome.RELOADED);
            assertThat(revoked).containsExactly(Set.of("alice", "bob"));
            assertThat(outcome(chain, "alice", "alice-2")).as("the new password works at once").isEqualTo(ChainResult.Outcome.ALLOWED);
            assertThat(outcome(chain, "alice", "alice-1")).isEqualTo(ChainResult.Outcome.DENIED);
            assertThat(outcome(chain, "bob", "bob-1")).as("a removed user is unknown").isEqualTo(ChainResult.Outcome.NO_ANSWER);
            assertThat(outcome(chain, "carol", "carol-1")).isEqualTo(ChainResult.Outcome.ALLOWED);

            Files.writeString(passwd, "not a password file\n");
            assertThat(reloader.reloadNow("test", false).passwords()).isEqualTo(Outcome.FAILED);
            assertThat(outcome(chain, "carol", "carol-1")).as("the last good file stays").isEqualTo(ChainResult.Outcome.ALLOWED);
            assertThat(reloader.status().passwordFile().sha256()).isNotEqualTo(FileDigest.sha256(Files.readAllBytes(passwd)));
        }
    }

    @Test
    void watchedFilesReloadWhenEditedIncludingIncludesAddedLater() throws Exception {
        Path file = policy("default deny\nallow all to publish \"a/#\"\n");
        PolicySource source = PolicySource.of(file);
        List<Policy> swapped = new CopyOnWriteArrayList<>();
        try (Reloader reloader = Reloader.builder().policy(source, source.load()).onPolicySwapped(swapped::add).build()) {
            reloader.watch(Duration.ofMillis(50));
            Files.writeString(dir.resolve("more.acl"), "allow all to subscribe \"c/#\"\n");
            Files.writeString(file, "default deny\ninclude \"more.acl\"\n");
            await().atMost(WAIT).until(() -> swapped.size() == 1);
            assertThat(reloader.watchedFiles()).contains(dir.resolve("more.acl").toAbsolutePath().normalize());

            Files.writeString(dir.resolve("more.acl"), "allow all to subscribe \"c/#\"\nallow all to subscribe \"d/#\"\n");
            await().atMost(WAIT).until(() -> swapped.size() == 2);
            assertThat(reloader.policy().ruleCount()).isEqualTo(2);
        }
    }

    private static ChainResult.Outcome outcome(AuthenticationChain chain, String user, String password) {
        return chain.authenticateNow(Credentials.of(user, password, "c")).outcome();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
