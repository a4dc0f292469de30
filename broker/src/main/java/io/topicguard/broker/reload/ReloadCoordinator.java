package io.topicguard.broker.reload;

import io.netty.channel.Channel;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.metrics.BrokerMetrics;
import io.topicguard.broker.protocol.MqttConnectionHandler;
import io.topicguard.broker.server.Broker;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyFile;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reloads the policy and the password file of a running {@link Broker}. Each reload compiles on
 * this coordinator's own thread (never a network event loop), then swaps with
 * {@link Broker#reload}, which re-binds every connection and persistent session (bans, superusers,
 * subscription classes, queued messages). A file that fails to load — a syntax error, deleted,
 * truncated mid-write, unreadable, a directory — leaves what is in force untouched and logs one
 * ERROR naming the file and every located problem ({@code FILE:LINE:COL}); the broker keeps serving.
 *
 * <p>Reloads are skipped when no watched file's SHA-256 changed (a {@code touch} does nothing) and
 * when the content is the one that already failed (one ERROR per broken version, not per event);
 * {@code force} (SIGHUP) always reloads. Clients whose password entry a new password file changed
 * or removed are disconnected (MQTT 5: DISCONNECT 0x98). Thread-safe: reloads are serialized.
 */
public final class ReloadCoordinator implements AutoCloseable {

    /** How one reload attempt ended. */
    public enum Outcome { UNCHANGED, RELOADED, FAILED }

    /** The logger operators watch for reload errors. */
    public static final String LOGGER_NAME = "io.topicguard.broker.reload";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final Broker broker;
    private final Path policyFile;
    private final Path passwordFile;
    private final PasswordAuthenticator authenticator;
    private final Function<Policy, AccessControl> accessControl;
    private final BrokerMetrics metrics;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "topicguard-reload");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<Set<Path>> watchedFilesChanged = files -> { };

    private volatile Policy policy;
    private volatile Instant policyLoadedAt;
    private Map<Path, String> failedPolicyShas = Map.of();
    private volatile PasswordSnapshot passwords = PasswordSnapshot.NONE;
    private volatile Instant passwordsLoadedAt;
    private String failedPasswordSha;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /**
     * @param initial       the policy the broker was started with (loaded from {@code policyFile})
     * @param passwordFile  null when the broker runs without one
     * @param authenticator the broker's authenticator, null exactly when {@code passwordFile} is
     * @param accessControl how a freshly compiled policy becomes the broker's access control
     */
    public ReloadCoordinator(Broker broker, Path policyFile, Policy initial, Path passwordFile, PasswordAuthenticator authenticator,
                             Function<Policy, AccessControl> accessControl, BrokerMetrics metrics, Clock clock) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.policyFile = Objects.requireNonNull(policyFile, "policyFile");
        this.policy = Objects.requireNonNull(initial, "initial");
        this.passwordFile = passwordFile;
        this.authenticator = authenticator;
        if ((passwordFile == null) != (authenticator == null)) {
            throw new IllegalArgumentException("a password file needs its authenticator and vice versa");
        }
        this.accessControl = Objects.requireNonNull(accessControl, "accessControl");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = clock;
        this.policyLoadedAt = clock.instant();
        if (passwordFile != null) {
            try {
                passwords = PasswordSnapshot.read(passwordFile);
                passwordsLoadedAt = clock.instant();
            } catch (IOException e) {
                LOG.warn("cannot read {} to track password changes: {}", passwordFile, e.toString());
            }
        }
    }

    /** Called with the files to watch after every successful policy reload (includes can change). */
    public void onWatchedFilesChanged(Consumer<Set<Path>> listener) {
        this.watchedFilesChanged = Objects.requireNonNull(listener);
        listener.accept(watchedFiles());
    }

    /** The policy file, every file it includes as loaded now, and the password file. */
    public Set<Path> watchedFiles() {
        Set<Path> files = new TreeSet<>(policyShas(policy).keySet());
        files.add(policyFile.toAbsolutePath().normalize());
        if (passwordFile != null) {
            files.add(passwordFile.toAbsolutePath().normalize());
        }
        return files;
    }

    /** Queues a reload on the coordinator's thread (file watcher, SIGHUP); returns at once. */
    public void request(String trigger, boolean force) {
        try {
            worker.execute(() -> {
                try {
                    reloadNow(trigger, force);
                } catch (RuntimeException e) {
                    LOG.error("{}: reload failed", trigger, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("reload after close ignored ({})", trigger);
        }
    }

    /** Reloads on the calling thread (which must not be a network event loop) and says how it went. */
    public synchronized Outcome reloadNow(String trigger, boolean force) {
        Outcome policyOutcome = reloadPolicy(trigger, force);
        Outcome passwordOutcome = passwordFile == null ? Outcome.UNCHANGED : reloadPasswords(trigger, force);
        if (policyOutcome == Outcome.FAILED || passwordOutcome == Outcome.FAILED) {
            return Outcome.FAILED;
        }
        if (policyOutcome == Outcome.UNCHANGED && passwordOutcome == Outcome.UNCHANGED) {
            LOG.debug("{}: nothing changed", trigger);
            return Outcome.UNCHANGED;
        }
        lastError = null;
        lastErrorAt = null;
        return Outcome.RELOADED;
    }

    private Outcome reloadPolicy(String trigger, boolean force) {
        Map<Path, String> loaded = policyShas(policy);
        Map<Path, String> now = new LinkedHashMap<>();
        Set<Path> files = new TreeSet<>(loaded.keySet());
        files.add(policyFile.toAbsolutePath().normalize());
        for (Path f : files) {
            now.put(f, FileDigest.sha256OrProblem(f));
        }
        if (!force && (now.equals(loaded) || now.equals(failedPolicyShas))) {
            return Outcome.UNCHANGED;
        }
        Policy next;
        try {
            next = Policy.load(policyFile);
        } catch (PolicyLoadException e) {
            failedPolicyShas = now;
            String problems = e.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
            fail("policy " + policyFile, trigger, problems);
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            failedPolicyShas = now;
            fail("policy " + policyFile, trigger, policyFile + ": " + e);
            return Outcome.FAILED;
        }
        broker.reload(accessControl.apply(next));
        policy = next;
        policyLoadedAt = clock.instant();
        failedPolicyShas = Map.of();
        metrics.reloads().increment("success");
        LOG.info("{}: reloaded policy {} ({} rules)", trigger,
                next.files().stream().map(PolicyFile::displayName).collect(Collectors.joining(", ")), next.ruleCount());
        watchedFilesChanged.accept(watchedFiles());
        return Outcome.RELOADED;
    }

    private Outcome reloadPasswords(String trigger, boolean force) {
        String sha = FileDigest.sha256OrProblem(passwordFile);
        if (!force && (sha.equals(passwords.sha256()) || sha.equals(failedPasswordSha))) {
            return Outcome.UNCHANGED;
        }
        PasswordFile loaded;
        PasswordSnapshot next;
        try {
            loaded = PasswordFile.load(passwordFile);
            next = PasswordSnapshot.read(passwordFile);
        } catch (PasswordFileException e) {
            failedPasswordSha = sha;
            fail("password file " + passwordFile, trigger, e.getMessage());
            return Outcome.FAILED;
        } catch (IOException | RuntimeException e) {
            failedPasswordSha = sha;
            fail("password file " + passwordFile, trigger, passwordFile + ": " + e);
            return Outcome.FAILED;
        }
        authenticator.replace(loaded);
        Set<String> revoked = passwords.revokedBy(next);
        passwords = next;
        passwordsLoadedAt = clock.instant();
        failedPasswordSha = null;
        metrics.reloads().increment("success");
        LOG.info("{}: reloaded password file {} ({} users)", trigger, passwordFile, loaded.size());
        if (!revoked.isEmpty()) {
            LOG.info("password changed or removed for {}: disconnecting their connections", new TreeSet<>(revoked));
            disconnectUsers(revoked);
        }
        return Outcome.RELOADED;
    }

    private void disconnectUsers(Set<String> usernames) {
        for (Channel c : broker.context().channels()) {
            MqttConnectionHandler handler = c.pipeline().get(MqttConnectionHandler.class);
            if (handler != null) {
                handler.disconnectAdministrativelyIf(client -> client.username() != null && usernames.contains(client.username()));
            }
        }
    }

    private void fail(String what, String trigger, String problems) {
        metrics.reloads().increment("failure");
        lastError = what + ": " + problems;
        lastErrorAt = clock.instant();
        LOG.error("{}: cannot reload the {}; the previous one stays in force:\n{}", trigger, what, problems);
    }

    /** The files in force and how the last reload went. */
    public PolicyStatus status() {
        Policy p = policy;
        Instant at = policyLoadedAt;
        List<PolicyStatus.LoadedFile> files = new ArrayList<>();
        for (PolicyFile f : p.files()) {
            files.add(new PolicyStatus.LoadedFile(f.displayName(), f.path() == null ? null : f.path().toAbsolutePath().normalize().toString(),
                    f.sha256(), at));
        }
        PolicyStatus.LoadedFile pw = passwordFile == null ? null
                : new PolicyStatus.LoadedFile(passwordFile.toString(), passwordFile.toAbsolutePath().normalize().toString(),
                passwords.sha256(), passwordsLoadedAt);
        return new PolicyStatus(files, at, p.ruleCount(), pw, lastError, lastErrorAt,
                metrics.reloads().count("success"), metrics.reloads().count("failure"));
    }

    /** The policy in force. */
    public Policy policy() {
        return policy;
    }

    private static Map<Path, String> policyShas(Policy p) {
        Map<Path, String> shas = new LinkedHashMap<>();
        for (PolicyFile f : p.files()) {
            if (f.path() != null) {
                shas.put(f.path().toAbsolutePath().normalize(), f.sha256());
            }
        }
        return shas;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
