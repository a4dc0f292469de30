package io.topicguard.auth.password;

import java.security.SecureRandom;

/**
 * One stored password hash in one of the formats of docs/semantics.md, The password file. Implementations are immutable
 * and compare in constant time with respect to the stored hash.
 */
sealed interface PasswordHash permits Pbkdf2Sha512Hash, SaltedSha512Hash, BcryptHash {

    /** Whether {@code password} (raw bytes, as sent in an MQTT CONNECT) hashes to this hash. */
    boolean matches(byte[] password);

    /** What checking a password against this hash costs, as a key: {@code $7$ 101}, {@code bcrypt 10}, {@code $6$}. */
    String cost();

    /**
     * A hash of the same kind and cost that no password matches in practice (random salt and
     * hash): checking an unknown user's password against it takes as long as against this one.
     */
    PasswordHash decoy(SecureRandom random);

    /**
     * Reads the hash field of a password file line.
     *
     * @throws HashFormatException with a message in words that never repeats the hash itself
     */
    static PasswordHash parse(String encoded) throws HashFormatException {
        if (encoded.startsWith(Pbkdf2Sha512Hash.PREFIX)) {
            return Pbkdf2Sha512Hash.parse(encoded);
        }
        if (encoded.startsWith(SaltedSha512Hash.PREFIX)) {
            return SaltedSha512Hash.parse(encoded);
        }
        if (BcryptHash.looksLikeBcrypt(encoded)) {
            return BcryptHash.parse(encoded);
        }
        if (encoded.isEmpty()) {
            throw new HashFormatException("empty password hash");
        }
        throw new HashFormatException("unknown hash format (expected $7$ PBKDF2-SHA512, $6$ salted SHA-512"
                + " or bcrypt $2a$/$2b$/$2y$; plain-text passwords are not accepted)");
    }
}
