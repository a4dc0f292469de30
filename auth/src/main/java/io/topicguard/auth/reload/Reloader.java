package io.topicguard.auth.reload;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.PasswordFileAuthenticator;
import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.reload.ReloadResult.Outcome;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyFile;
import io.topicguard.engine.PolicyLoadException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import java.util.stream.Collectors;

/**
 * What a server enforces, kept up to date from disk: the policy loaded from a {@link PolicySource}
 * and the password files of an authentication chain. The broker, the decision service and the
 * HiveMQ extension all hold one; each only says what to do when something changed.
 *
 * <pre>{@code
 * Reloader reloader = Reloader.builder()
 *         .policy(source, source.load())                 // optional: a fixed policy needs no reloading
 *         .passwordFiles(chain)                          // the chain's password-file links, reloaded in place
 *         .onPolicySwapped(policy -> rebindClients(policy))
 *         .onRevoked(users -> disconnect(users))         // users whose password changed or was removed
 *         .build();
 * reloader.watch(Reloader.DEFAULT_QUIET);                // reload on file changes (optional)
 * reloader.reloadNow("reload", false);                   // or reload now and learn what happened
 * }</pre>
 *
 * <p><b>Last good wins.</b> Each reload loads on the calling thread (the file watcher's, the
 * reloader's own for {@link #request}, or the caller of {@link #reloadNow}; never a network event
 * loop). A file that fails to load — a syntax error, deleted, truncated mid-write, unreadable, a
 * directory — leaves what is in force untouched and logs one ERROR naming the file and every
 * located problem ({@code FILE:LINE:COL}).
 *
 * <p><b>Only real changes reload.</b> A file whose SHA-256 did not change is skipped (a
 * {@code touch} does nothing), and so is content that already failed (one ERROR per broken
 * version, not per event); {@code force} (SIGHUP) always reloads.
 *
 * <p><b>Listeners</b> run on the reloading thread, in the order they were added, before
 * {@link #reloadNow} returns: {@link Builder#onPolicySwapped} with a policy that loaded, before
 * {@link #policy()} and {@link #status()} show it (so a status showing a file means the
 * listeners acted on it),
 * {@link Builder#onRevoked} with the users a new password file changed or removed, and
 * {@link Builder#onReload} with every reload that loaded or failed to load a file. An exception
 * from a listener is logged and does not stop the others.
 *
 * <p>Thread-safe: reloads are serialized. {@link #close()} stops watching and the reload thread.
 */
public final class Reloader implements AutoCloseable {

    /** The logger used unless {@link Builder#logger} names another. */
    public static final String DEFAULT_LOGGER = "io.topicguard.reload";

    /** How long watched files must be quiet before a reload: long enough for an editor's save. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(200);

    private final Logger log;
    private final @Nullable PolicySource source;
    private final List<WatchedPasswordFile> passwordFiles;
    private final List<Consumer<Policy>> policyListeners;
    private final List<Consumer<Set<String>>> revokedListeners;
    private final List<Consumer<ReloadResult>> reloadListeners;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "topicguard-reload");
        t.setDaemon(true);
        return t;
    });
    private @Nullable FileWatcher watcher;

    private volatile @Nullable Policy policy;
    private volatile Instant policyLoadedAt;
    private Map<Path, String> failedPolicyShas = Map.of();
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;
    private volatile long reloads;
    private volatile long failures;

    private Reloader(Builder b) {
        this.log = LoggerFactory.getLogger(b.logger);
        this.source = b.source;
        this.policy = b.policy;
        this.clock = b.clock;
        this.policyLoadedAt = clock.instant();
        this.policyListeners = List.copyOf(b.policyListeners);
        this.revokedListeners = List.copyOf(b.revokedListeners);
        this.reloadListeners = List.copyOf(b.reloadListeners);
        List<WatchedPasswordFile> files = new ArrayList<>();
        b.passwordFiles.forEach((file, replace) -> files.add(new WatchedPasswordFile(file, replace, clock, log)));
        this.passwordFiles = List.copyOf(files);
    }

    /** A builder with nothing to reload yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy in force: the last one that loaded, or null when the reloader was given no policy source. */
    public @Nullable Policy policy() {
        return policy;
    }

    /** Where the policy comes from, or null when there is no policy to reload. */
    public @Nullable PolicySource source() {
        return source;
    }

    /**
     * Starts watching the policy file, every file it includes (kept up to date after each reload)
     * and the password files: once they changed and stayed quiet for {@code quiet}, they are
     * reloaded on the watcher's thread. Does nothing when there is no file to watch.
     *
     * @throws IOException           when the platform offers no file watching
     * @throws IllegalStateException when already watching
     */
    public synchronized void watch(Duration quiet) throws IOException {
        Objects.requireNonNull(quiet, "quiet");
        if (watcher != null) {
            throw new IllegalStateException("already watching " + watcher.files());
        }
        if (quiet.isNegative() || quiet.isZero()) {
            throw new IllegalArgumentException("the quiet period of file watching must be positive, got " + quiet);
        }
        if (watchedFiles().isEmpty()) {
            return;
        }
        FileWatcher started = new FileWatcher(quiet, () -> reloadNow("file change", false));
        started.watch(watchedFiles());
        watcher = started;
    }

    /** The policy file, every file it includes as loaded now, and the password files; absolute and normalized. */
    public Set<Path> watchedFiles() {
        Set<Path> files = new TreeSet<>();
        if (source != null) {
            files.addAll(policyShas(policy).keySet());
            files.add(source.file().toAbsolutePath().normalize());
        }
        for (WatchedPasswordFile f : passwordFiles) {
            files.add(f.path());
        }
        return files;
    }

    /**
     * Queues a reload on the reloader's own thread and returns at once: for a signal handler,
     * which must not wait. A reload after {@link #close()} is ignored.
     */
    public void request(String trigger, boolean force) {
        try {
            worker.execute(() -> {
                try {
                    reloadNow(trigger, force);
                } catch (RuntimeException e) {
                    log.error("{}: reload failed", trigger, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            log.debug("reload after close ignored ({})", trigger);
        }
    }

    /**
     * Reloads the files whose bytes changed (all of them with {@code force}) on the calling
     * thread, which must not be a network event loop, tells the listeners, and says how it went.
     *
     * @param trigger what asked for the reload, as the log shows it: {@code file change}, {@code SIGHUP}, {@code reload}
     */
    public synchronized ReloadResult reloadNow(String trigger, boolean force) {
        List<String> errors = new ArrayList<>();
        Outcome policyOutcome = source == null ? Outcome.UNCHANGED : reloadPolicy(source, trigger, force, errors);
        Outcome passwordOutcome = Outcome.UNCHANGED;
        Set<String> revoked = new TreeSet<>();
        for (WatchedPasswordFile file : passwordFiles) {
            Outcome o = file.reload(trigger, force, revoked, problems -> errors.add(fail("password file " + file.given(), trigger, problems)));
            passwordOutcome = worse(passwordOutcome, o);
            if (o == Outcome.RELOADED) {
                reloads++;
            }
        }
        ReloadResult result = new ReloadResult(policyOutcome, passwordOutcome, errors.isEmpty() ? null : String.join("\n", errors));
        switch (result.outcome()) {
            case UNCHANGED -> log.debug("{}: nothing changed", trigger);
            case RELOADED -> {
                lastError = null;
                lastErrorAt = null;
            }
            case FAILED -> { }
        }
        if (!revoked.isEmpty()) {
            log.info("password changed or removed for {}", revoked);
            Set<String> users = Set.copyOf(revoked);
            revokedListeners.forEach(l -> tell(l, users, "revoked users"));
        }
        if (result.outcome() != Outcome.UNCHANGED) {
            reloadListeners.forEach(l -> tell(l, result, "reload"));
        }
        return result;
    }

    private Outcome reloadPolicy(PolicySource source, String trigger, boolean force, List<String> errors) {
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
        // Listeners first: once status() and policy() show the new policy, every listener has
        // acted on it (the broker has re-bound every connection), so a caller polling the status
        // never sees a file in force that a client is not yet held to.
        policyListeners.forEach(l -> tell(l, next, "policy swap"));
        policy = next;
        policyLoadedAt = clock.instant();
        failedPolicyShas = Map.of();
        reloads++;
        log.info("{}: reloaded policy {} ({} rules)", trigger,
                next.files().stream().map(PolicyFile::displayName).collect(Collectors.joining(", ")), next.ruleCount());
        FileWatcher w = watcher;
        if (w != null) {
            // Includes can come and go with an edit.
            w.watch(watchedFiles());
        }
        return Outcome.RELOADED;
    }

    private <T> void tell(Consumer<T> listener, T value, String what) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            log.error("a {} listener failed", what, e);
        }
    }

    /** Records and logs a failed load; returns what {@link PolicyStatus#lastError()} shows. */
    private String fail(String what, String trigger, String problems) {
        failures++;
        String error = what + ": " + problems;
        lastError = error;
        lastErrorAt = clock.instant();
        log.error("{}: cannot reload the {}; the previous one stays in force:\n{}", trigger, what, problems);
        return error;
    }

    private static Outcome worse(Outcome a, Outcome b) {
        if (a == Outcome.FAILED || b == Outcome.FAILED) {
            return Outcome.FAILED;
        }
        return a == Outcome.RELOADED || b == Outcome.RELOADED ? Outcome.RELOADED : Outcome.UNCHANGED;
    }

    /** The files in force and how the reloads went. */
    public PolicyStatus status() {
        Policy p = policy;
        Instant at = policyLoadedAt;
        List<PolicyStatus.LoadedFile> files = new ArrayList<>();
        if (p != null) {
            for (PolicyFile f : p.files()) {
                files.add(new PolicyStatus.LoadedFile(f.displayName(), f.path() == null ? null : f.path().toAbsolutePath().normalize().toString(),
                        f.sha256(), at));
            }
        }
        List<PolicyStatus.LoadedFile> passwords = passwordFiles.stream().map(WatchedPasswordFile::status).toList();
        return new PolicyStatus(source, files, at, p == null ? 0 : p.ruleCount(), passwords, lastError, lastErrorAt, reloads, failures);
    }

    private static Map<Path, String> policyShas(@Nullable Policy p) {
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

    /** Stops watching and the reload thread; a reload already running finishes. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
        }
        worker.shutdownNow();
    }

    /** What to reload and whom to tell. Not thread-safe; {@link #build()} may be called once. */
    public static final class Builder {
        private @Nullable PolicySource source;
        private @Nullable Policy policy;
        private final Map<Path, Consumer<PasswordFile>> passwordFiles = new LinkedHashMap<>();
        private final List<Consumer<Policy>> policyListeners = new ArrayList<>();
        private final List<Consumer<Set<String>>> revokedListeners = new ArrayList<>();
        private final List<Consumer<ReloadResult>> reloadListeners = new ArrayList<>();
        private String logger = DEFAULT_LOGGER;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The policy to keep in force and reload from {@code source}.
         *
         * @param loaded the policy as {@link PolicySource#load()} just loaded it (the caller reports its problems)
         */
        public Builder policy(PolicySource source, Policy loaded) {
            this.source = Objects.requireNonNull(source, "source");
            this.policy = Objects.requireNonNull(loaded, "loaded");
            return this;
        }

        /** Reloads every {@code password-file} link of {@code chain} in place (none: nothing to add). */
        public Builder passwordFiles(AuthenticationChain chain) {
            for (PasswordFileAuthenticator link : chain.passwordFiles()) {
                passwordFile(link.file(), link::replace);
            }
            return this;
        }

        /**
         * Reloads {@code file} and hands each version that loads to {@code replace} (which must
         * start using it at once). The version in use now is taken to be the file's current bytes.
         */
        public Builder passwordFile(Path file, Consumer<PasswordFile> replace) {
            Path key = file.toAbsolutePath().normalize();
            if (passwordFiles.keySet().stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(key))) {
                throw new IllegalArgumentException("password file " + file + " was already added");
            }
            passwordFiles.put(file, Objects.requireNonNull(replace, "replace"));
            return this;
        }

        /** Told the new policy each time one loaded, before the reloader reports it in force (re-bind clients here). */
        public Builder onPolicySwapped(Consumer<Policy> listener) {
            policyListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Told the usernames whose entry a reloaded password file changed or removed (end their sessions here). */
        public Builder onRevoked(Consumer<Set<String>> listener) {
            revokedListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Told of every reload that loaded or failed to load a file (metrics). */
        public Builder onReload(Consumer<ReloadResult> listener) {
            reloadListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The SLF4J logger name reloads are logged under; {@link #DEFAULT_LOGGER} by default. */
        public Builder logger(String name) {
            this.logger = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The clock of the loaded-at and error instants; the UTC system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A reloader holding what was given; it reads each password file's entries now, to tell later which changed. */
        public Reloader build() {
            return new Reloader(this);
        }
    }
}
