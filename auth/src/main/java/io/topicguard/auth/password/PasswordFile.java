package io.topicguard.auth.password;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mosquitto-compatible password file (docs/semantics.md, The password file): {@code username:hash} lines, {@code #}
 * comments; hashes {@code $7$} (PBKDF2-HMAC-SHA512), {@code $6$} (salted SHA-512) and bcrypt.
 * Immutable and thread-safe. {@link #verify} is deliberately slow: never call it on a network
 * event loop.
 *
 * <p>Reading follows mosquitto where it is lenient (blank lines, CRLF line ends, blanks around
 * the username and the hash) and is stricter where mosquitto would silently drop a user: a line
 * without {@code :}, an empty username, a hash in an unknown format and a user listed twice are
 * errors naming {@code file:line}, so a typo never locks a device out unnoticed.
 *
 * <pre>{@code
 * PasswordFile users = PasswordFile.load(Path.of("passwd"));
 * if (users.verify("alice", passwordBytes) == PasswordFile.Verification.OK) { ... }
 * }</pre>
 */
public final class PasswordFile {

    /** The outcome of one verification. */
    public enum Verification {
        OK, UNKNOWN_USER, BAD_PASSWORD
    }

    /** The decoy of an empty file: what a default {@code $7$} check costs. */
    private static final PasswordHash DEFAULT_DECOY =
            Pbkdf2Sha512Hash.create("decoy".getBytes(StandardCharsets.UTF_8), new SecureRandom());

    private final Map<String, PasswordHash> users;
    /** Checked for unknown users: as costly as the file's most common hash, so timing does not tell which users exist. */
    private final PasswordHash decoy;

    private PasswordFile(Map<String, PasswordHash> users) {
        this.users = Map.copyOf(users);
        this.decoy = typicalCost(users.values()).decoy(new SecureRandom());
    }

    /** A hash of the most common cost among {@code hashes} (a tie broken by name, so the choice is stable), or the default decoy for none. */
    private static PasswordHash typicalCost(Collection<PasswordHash> hashes) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, PasswordHash> examples = new HashMap<>();
        for (PasswordHash h : hashes) {
            counts.merge(h.cost(), 1, Integer::sum);
            examples.putIfAbsent(h.cost(), h);
        }
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).thenComparing(Map.Entry::getKey))
                .map(e -> examples.get(e.getKey()))
                .orElse(DEFAULT_DECOY);
    }

    /** The decoy unknown users are checked against, for tests. */
    PasswordHash decoy() {
        return decoy;
    }

    /**
     * Reads {@code file}.
     *
     * @throws PasswordFileException naming the file (and line) when it is missing, unreadable or
     *                               malformed; the message never contains a hash
     */
    public static PasswordFile load(Path file) throws PasswordFileException {
        List<String> lines = PasswordFileReader.readLines(file);
        Map<String, PasswordHash> users = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (PasswordFileLine.isBlankOrComment(line)) {
                continue;
            }
            String where = file + ":" + lineNumber + ": ";
            String username = PasswordFileLine.username(line);
            if (username == null) {
                throw new PasswordFileException(where + "expected username:hash, found no ':'");
            }
            if (username.isEmpty()) {
                throw new PasswordFileException(where + "empty username before ':'");
            }
            Integer earlier = firstLine.putIfAbsent(username, lineNumber);
            if (earlier != null) {
                throw new PasswordFileException(where + "user '" + username + "' is already defined on line " + earlier);
            }
            try {
                users.put(username, PasswordHash.parse(PasswordFileLine.hash(line)));
            } catch (HashFormatException e) {
                throw new PasswordFileException(where + "user '" + username + "': " + e.getMessage());
            }
        }
        return new PasswordFile(users);
    }

    /**
     * Checks {@code password} (the raw bytes of the CONNECT password field) for {@code username},
     * comparing in constant time. A null or zero-length password never authenticates
     * (docs/semantics.md, The password file), whatever the file says. An unknown user costs as much time as a
     * known one with the file's most common hash (its kind and iteration count or cost), so timing does
     * not reveal which users exist.
     */
    public Verification verify(String username, byte[] password) {
        PasswordHash hash = username == null ? null : users.get(username);
        if (password == null || password.length == 0) {
            return hash == null ? Verification.UNKNOWN_USER : Verification.BAD_PASSWORD;
        }
        if (hash == null) {
            // Spend what the file's typical check costs, so response times do not tell which usernames exist.
            decoy.matches(password);
            return Verification.UNKNOWN_USER;
        }
        return hash.matches(password) ? Verification.OK : Verification.BAD_PASSWORD;
    }

    /** Whether {@code username} has an entry. */
    public boolean contains(String username) {
        return username != null && users.containsKey(username);
    }

    /** Number of users. */
    public int size() {
        return users.size();
    }

    /** The usernames in the file, in no particular order. */
    public Set<String> usernames() {
        return users.keySet();
    }

    @Override
    public String toString() {
        return "PasswordFile[" + users.size() + " users]";
    }
}
