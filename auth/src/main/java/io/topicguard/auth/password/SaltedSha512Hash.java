package io.topicguard.auth.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.NoSuchAlgorithmException;

/**
 * mosquitto 1.6's default hash, {@code $6$SALT_B64$HASH_B64}: SHA-512 of the password bytes
 * followed by the base64-decoded salt bytes (docs/semantics.md, The password file).
 */
record SaltedSha512Hash(byte[] salt, byte[] hash) implements PasswordHash {

    static final String PREFIX = "$6$";
    private static final int HASH_BYTES = 64;

    static SaltedSha512Hash parse(String encoded) throws HashFormatException {
        String[] fields = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (fields.length != 2) {
            throw new HashFormatException("a $6$ hash must be $6$SALT$HASH");
        }
        byte[] salt = Base64Field.decode(fields[0], "salt of the $6$ hash");
        byte[] hash = Base64Field.decode(fields[1], "hash of the $6$ hash");
        if (hash.length != HASH_BYTES) {
            throw new HashFormatException("the hash of a $6$ hash must be " + HASH_BYTES + " bytes, got " + hash.length);
        }
        return new SaltedSha512Hash(salt, hash);
    }

    @Override
    public boolean matches(byte[] password) {
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-512", e);
        }
        sha512.update(password);
        sha512.update(salt);
        return MessageDigest.isEqual(hash, sha512.digest());
    }

    @Override
    public String cost() {
        return PREFIX;
    }

    @Override
    public SaltedSha512Hash decoy(SecureRandom random) {
        byte[] randomSalt = new byte[salt.length];
        byte[] randomHash = new byte[HASH_BYTES];
        random.nextBytes(randomSalt);
        random.nextBytes(randomHash);
        return new SaltedSha512Hash(randomSalt, randomHash);
    }

    @Override
    public String toString() {
        return "$6$ salted SHA-512";
    }
}
