package io.topicguard.auth.chain;

import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFileException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code password-file}: a mosquitto-compatible password file as a link of the chain. An unknown
 * user is ignored (another source may know it); a known user with a wrong, empty or missing
 * password is denied.
 *
 * <p>The file is reloaded in place ({@link #replace}) by whoever watches it (the
 * {@code io.topicguard.auth.reload.Reloader}), so a chain never has to be rebuilt for a password
 * change. Thread-safe.
 */
public final class PasswordFileAuthenticator implements Authenticator {

    private final Path file;
    private volatile PasswordFile users;

    PasswordFileAuthenticator(Path file, PasswordFile users) {
        this.file = Objects.requireNonNull(file, "file");
        this.users = Objects.requireNonNull(users, "users");
    }

    /**
     * Reads {@code file}.
     *
     * @throws PasswordFileException naming the file (and line) when it is missing, unreadable or malformed
     */
    public static PasswordFileAuthenticator load(Path file) throws PasswordFileException {
        return new PasswordFileAuthenticator(file, PasswordFile.load(file));
    }

    @Override
    public String name() {
        return "password-file";
    }

    /** The file, as the configuration names it. */
    public Path file() {
        return file;
    }

    /** Users in the version in use. */
    public int entries() {
        return users.size();
    }

    /** Uses {@code next} (a new version of {@link #file()} that already loaded) from now on. */
    public void replace(PasswordFile next) {
        users = Objects.requireNonNull(next, "next");
    }

    @Override
    public Answer authenticate(ConnectCredentials credentials) {
        if (credentials.username() == null) {
            return Answer.ignore("no username");
        }
        byte[] password = credentials.password();
        return switch (users.verify(credentials.username(), password)) {
            case OK -> Answer.allow();
            case UNKNOWN_USER -> Answer.ignore("unknown user");
            case BAD_PASSWORD -> Answer.deny(password == null || password.length == 0 ? "no password" : "wrong password");
        };
    }
}
