package io.topicguard.auth.reload;

import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFileException;
import io.topicguard.auth.reload.ReloadResult.Outcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One password file a {@link Reloader} keeps in force: the version in use (its entries, to tell
 * which users a new version revokes), and the content that last failed to load (not retried).
 * Only used under the reloader's lock.
 */
final class WatchedPasswordFile {

    private final Path given;
    private final Path path;
    private final Consumer<PasswordFile> replace;
    private final Clock clock;
    private final Logger log;
    private PasswordSnapshot inUse = PasswordSnapshot.NONE;
    private @Nullable Instant loadedAt;
    private @Nullable String failedSha;

    /** @param given the file as the configuration names it (for the log and the status) */
    WatchedPasswordFile(Path given, Consumer<PasswordFile> replace, Clock clock, Logger log) {
        this.given = given;
        this.path = given.toAbsolutePath().normalize();
        this.replace = replace;
        this.clock = clock;
        this.log = log;
        try {
            inUse = PasswordSnapshot.read(path);
            loadedAt = clock.instant();
        } catch (IOException e) {
            log.warn("cannot read {} to track password changes: {}", path, e.toString());
        }
    }

    /** Absolute and normalized: what is watched. */
    Path path() {
        return path;
    }

    /** As the configuration names it. */
    Path given() {
        return given;
    }

    /**
     * Loads the file again when its bytes changed (always with {@code force}); adds to
     * {@code revoked} the users whose entry the new version changed or removed.
     *
     * @param failed told the problems when the file does not load (the version in use stays)
     */
    Outcome reload(String trigger, boolean force, Set<String> revoked, Consumer<String> failed) {
        String sha = FileDigest.sha256OrProblem(path);
        if (!force && (sha.equals(inUse.sha256()) || sha.equals(failedSha))) {
            return Outcome.UNCHANGED;
        }
        PasswordFile loaded;
        PasswordSnapshot next;
        try {
            loaded = PasswordFile.load(path);
            next = PasswordSnapshot.read(path);
        } catch (PasswordFileException e) {
            failedSha = sha;
            failed.accept(e.getMessage());
            return Outcome.FAILED;
        } catch (IOException | RuntimeException e) {
            failedSha = sha;
            failed.accept(path + ": " + e);
            return Outcome.FAILED;
        }
        replace.accept(loaded);
        revoked.addAll(inUse.revokedBy(next));
        inUse = next;
        loadedAt = clock.instant();
        failedSha = null;
        log.info("{}: reloaded password file {} ({} users)", trigger, given, loaded.size());
        return Outcome.RELOADED;
    }

    PolicyStatus.LoadedFile status() {
        return new PolicyStatus.LoadedFile(given.toString(), path.toString(), inUse.sha256(), loadedAt);
    }
}
