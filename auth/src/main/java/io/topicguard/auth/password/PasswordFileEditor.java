package io.topicguard.auth.password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Adds or updates one user of a password file, as {@code topicguard passwd} does (docs/semantics.md, The password file).
 *
 * <p>The new hash is {@code $7$} with mosquitto_passwd's defaults (101 iterations, 12 random salt
 * bytes). Every other line, comments included, is kept byte for byte. The file is replaced
 * atomically (a temporary file in the same directory, then a rename), so a broker reading it
 * concurrently sees either the old or the new file, never half of one. A new file is created
 * with mode 0600; an existing file keeps its permissions.
 */
public final class PasswordFileEditor {

    /** What {@link #setPassword} did. */
    public enum Change {
        ADDED, UPDATED
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordFileEditor() {
    }

    /**
     * Why {@code username} cannot be stored in a password file, or null when it can: it must be
     * non-empty, must not contain {@code :} (the separator) or control characters, must not start
     * with {@code #} (the line would be a comment) and must not have leading or trailing blanks
     * (mosquitto trims them, so the stored name would differ from the one given).
     */
    public static String usernameProblem(String username) {
        if (username == null || username.isEmpty()) {
            return "the username must not be empty";
        }
        if (username.indexOf(':') >= 0) {
            return "the username must not contain ':' (it separates the username from the hash)";
        }
        for (int i = 0; i < username.length(); i++) {
            if (Character.isISOControl(username.charAt(i))) {
                return "the username must not contain control characters";
            }
        }
        if (username.charAt(0) == '#') {
            return "the username must not start with '#' (the line would be a comment)";
        }
        if (!PasswordFileLine.trim(username).equals(username)) {
            return "the username must not start or end with blanks";
        }
        if (username.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            return "the username must not be longer than 65535 UTF-8 bytes (MQTT-1.5.3)";
        }
        return null;
    }

    /**
     * Sets {@code username}'s password in {@code file}, creating the file when it is missing.
     * An existing entry is replaced where it stands (later duplicates of it are removed); a new
     * user is appended.
     *
     * @throws IllegalArgumentException when the username is not storable ({@link #usernameProblem})
     *                                  or the password is empty
     * @throws PasswordFileException    naming the file when it cannot be read or written
     */
    public static Change setPassword(Path file, String username, byte[] password) throws PasswordFileException {
        String problem = usernameProblem(username);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("the password must not be empty (docs/semantics.md, The password file: it could never authenticate)");
        }
        Path target = resolveSymlink(file);
        boolean exists = Files.exists(target);
        List<String> lines = exists ? PasswordFileReader.readLines(target) : new ArrayList<>();
        String entry = username + ":" + Pbkdf2Sha512Hash.create(password, RANDOM).encode();

        Change change = Change.ADDED;
        List<String> updated = new ArrayList<>(lines.size() + 1);
        for (String line : lines) {
            boolean mine = !PasswordFileLine.isBlankOrComment(line) && username.equals(PasswordFileLine.username(line));
            if (!mine) {
                updated.add(line);
            } else if (change == Change.ADDED) {
                // Keep a CRLF file CRLF.
                updated.add(line.endsWith("\r") ? entry + "\r" : entry);
                change = Change.UPDATED;
            }
        }
        if (change == Change.ADDED) {
            updated.add(entry);
        }
        replace(target, exists, String.join("\n", updated) + "\n");
        return change;
    }

    private static Path resolveSymlink(Path file) throws PasswordFileException {
        try {
            // Editing through a symlink updates the file it points to instead of replacing the link.
            return Files.isSymbolicLink(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            throw new PasswordFileException(file + ": is a symbolic link to a file that cannot be resolved: " + e.getMessage(), e);
        }
    }

    private static void replace(Path target, boolean exists, String content) throws PasswordFileException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temp = null;
        try {
            temp = posix
                    ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            if (exists && posix) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (NoSuchFileException e) {
            throw new PasswordFileException(target + ": cannot be written: directory " + dir + " not found", e);
        } catch (AccessDeniedException e) {
            throw new PasswordFileException(target + ": cannot be written: permission denied", e);
        } catch (IOException e) {
            throw new PasswordFileException(target + ": cannot be written: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: the original file is untouched either way.
                }
            }
        }
    }
}
