package io.topicguard.broker.server;

import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFileException;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.protocol.Connections;
import io.topicguard.broker.server.ReloadResult.Outcome;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyFile;
import io.topicguard.engine.PolicyLoadException;
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
 * The one owner of what a broker enforces: the policy source (file and format), the policy
 * loaded from it, the password file, and reloading them. Each reload loads on the calling thread
 * (the file watcher's, SIGHUP's own, or the caller of {@link Broker#reload()}; never a network
 * event loop) with the source's format, then swaps through {@link Connections}, which re-binds
 * every connection and persistent session (bans, superusers, subscription classes, queued
 * messages). A file that fails to load — a syntax error, deleted, truncated mid-write,
 * unreadable, a directory — leaves what is in force untouched and logs one ERROR naming the file
 * and every located problem ({@code FILE:LINE:COL}); the broker keeps serving.
 *
 * <p>Reloads are skipped when no file's SHA-256 changed (a {@code touch} does nothing) and when the
 * content is the one that already failed (one ERROR per broken version, not per event);
 * {@code force} (SIGHUP) always reloads. Clients whose password entry a new password file changed
 * or removed are disconnected (MQTT 5: DISCONNECT 0x98). Thread-safe: reloads are serialized.
 */
final class ReloadCoordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.RELOAD_LOGGER);

    private final PolicySource source;
    private final Function<Policy, AccessControl> accessControl;
    private final Path passwordFile;
    private final PasswordAuthenticator authenticator;
    private final Connections connections;
    private final Consumer<ReloadResult> listener;
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
    private volatile long reloads;
    private volatile long failures;

    /**
     * @param source        where the policy comes from, or null when the broker enforces a fixed access control
     * @param initial       the policy loaded from {@code source} at start (null exactly when {@code source} is)
     * @param accessControl how a freshly loaded policy becomes the access control
     * @param authenticator the broker's password file, or null
     * @param listener      told of every reload that loaded or failed to load a file
     */
    ReloadCoordinator(PolicySource source, Policy initial, Function<Policy, AccessControl> accessControl, PasswordAuthenticator authenticator,
                      Connections connections, Consumer<ReloadResult> listener, Clock clock) {
        this.source = source;
        this.policy = initial;
        this.accessControl = Objects.requireNonNull(accessControl, "accessControl");
        this.authenticator = authenticator;
        this.passwordFile = authenticator == null ? null : authenticator.file();
        this.connections = Objects.requireNonNull(connections, "connections");
        this.listener = Objects.requireNonNull(listener, "listener");
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

    /** Called with the files to watch now and after every successful policy reload (includes can change). */
    void onWatchedFilesChanged(Consumer<Set<Path>> listener) {
        this.watchedFilesChanged = Objects.requireNonNull(listener);
        listener.accept(watchedFiles());
    }

    /** The policy file, every file it includes as loaded now, and the password file. */
    Set<Path> watchedFiles() {
        Set<Path> files = new TreeSet<>();
        if (source != null) {
            files.addAll(policyShas(policy).keySet());
            files.add(source.file().toAbsolutePath().normalize());
        }
        if (passwordFile != null) {
            files.add(passwordFile.toAbsolutePath().normalize());
        }
        return files;
    }

    /** Queues a reload on the coordinator's thread (SIGHUP: the signal thread must not wait); returns at once. */
    void request(String trigger, boolean force) {
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
    synchronized ReloadResult reloadNow(String trigger, boolean force) {
        List<String> errors = new ArrayList<>();
        Outcome policyOutcome = source == null ? Outcome.UNCHANGED : reloadPolicy(trigger, force, errors);
        Outcome passwordOutcome = passwordFile == null ? Outcome.UNCHANGED : reloadPasswords(trigger, force, errors);
        ReloadResult result = new ReloadResult(policyOutcome, passwordOutcome, errors.isEmpty() ? null : String.join("\n", errors));
        switch (result.outcome()) {
            case UNCHANGED -> LOG.debug("{}: nothing changed", trigger);
            case RELOADED -> {
                lastError = null;
                lastErrorAt = null;
            }
            case FAILED -> { }
        }
        if (result.outcome() != Outcome.UNCHANGED) {
            listener.accept(result);
        }
        return result;
    }

    private Outcome reloadPolicy(String trigger, boolean force, List<String> errors) {
        Path policyFile = source.file();
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
            // In the source's format: a mosquitto or EMQX file stays one on reload.
            next = source.load();
        } catch (PolicyLoadException e) {
            failedPolicyShas = now;
            String problems = e.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
            errors.add(fail("policy " + policyFile, trigger, problems));
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            failedPolicyShas = now;
            errors.add(fail("policy " + policyFile, trigger, policyFile + ": " + e));
            return Outcome.FAILED;
        }
        connections.accessControl(accessControl.apply(next));
        policy = next;
        policyLoadedAt = clock.instant();
        failedPolicyShas = Map.of();
        reloads++;
        LOG.info("{}: reloaded policy {} ({} rules)", trigger,
                next.files().stream().map(PolicyFile::displayName).collect(Collectors.joining(", ")), next.ruleCount());
        watchedFilesChanged.accept(watchedFiles());
        return Outcome.RELOADED;
    }

    private Outcome reloadPasswords(String trigger, boolean force, List<String> errors) {
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
            errors.add(fail("password file " + passwordFile, trigger, e.getMessage()));
            return Outcome.FAILED;
        } catch (IOException | RuntimeException e) {
            failedPasswordSha = sha;
            errors.add(fail("password file " + passwordFile, trigger, passwordFile + ": " + e));
            return Outcome.FAILED;
        }
        authenticator.replace(loaded);
        Set<String> revoked = passwords.revokedBy(next);
        passwords = next;
        passwordsLoadedAt = clock.instant();
        failedPasswordSha = null;
        reloads++;
        LOG.info("{}: reloaded password file {} ({} users)", trigger, passwordFile, loaded.size());
        if (!revoked.isEmpty()) {
            LOG.info("password changed or removed for {}: disconnecting their connections", new TreeSet<>(revoked));
            connections.disconnectIf(client -> client.username() != null && revoked.contains(client.username()));
        }
        return Outcome.RELOADED;
    }

    /** Records and logs a failed load; returns what {@link PolicyStatus#lastError()} shows. */
    private String fail(String what, String trigger, String problems) {
        failures++;
        lastError = what + ": " + problems;
        lastErrorAt = clock.instant();
        LOG.error("{}: cannot reload the {}; the previous one stays in force:\n{}", trigger, what, problems);
        return lastError;
    }

    /** The files in force and how the reloads went. */
    PolicyStatus status() {
        Policy p = policy;
        Instant at = policyLoadedAt;
        List<PolicyStatus.LoadedFile> files = new ArrayList<>();
        if (p != null) {
            for (PolicyFile f : p.files()) {
                files.add(new PolicyStatus.LoadedFile(f.displayName(), f.path() == null ? null : f.path().toAbsolutePath().normalize().toString(),
                        f.sha256(), at));
            }
        }
        PolicyStatus.LoadedFile pw = passwordFile == null ? null
                : new PolicyStatus.LoadedFile(passwordFile.toString(), passwordFile.toAbsolutePath().normalize().toString(),
                passwords.sha256(), passwordsLoadedAt);
        return new PolicyStatus(source, files, at, p == null ? 0 : p.ruleCount(), pw, lastError, lastErrorAt, reloads, failures);
    }

    private static Map<Path, String> policyShas(Policy p) {
        Map<Path, String> shas = new LinkedHashMap<>();
        if (p == null) {
            return shas;
        }
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
