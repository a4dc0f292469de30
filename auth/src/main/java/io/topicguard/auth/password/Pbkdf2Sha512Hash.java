package io.topicguard.auth.password;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * mosquitto's default hash, {@code $7$ITERATIONS$SALT_B64$HASH_B64}: PBKDF2-HMAC-SHA512 with a
 * 64-byte output over the base64-decoded salt (docs/semantics.md, The password file).
 *
 * <p>BouncyCastle's PBKDF2 is used rather than the JDK's {@code PBKDF2WithHmacSHA512} because the
 * JDK takes the password as {@code char[]} and re-encodes it as UTF-8, while an MQTT password is
 * arbitrary binary data that must be hashed byte for byte, as mosquitto does.
 */
record Pbkdf2Sha512Hash(int iterations, byte[] salt, byte[] hash) implements PasswordHash {

    static final String PREFIX = "$7$";
    /** mosquitto_passwd's defaults (mosquitto 2.0: PW_DEFAULT_ITERATIONS 101, 12 salt bytes). */
    static final int DEFAULT_ITERATIONS = 101;
    static final int SALT_BYTES = 12;
    static final int HASH_BYTES = 64;

    static Pbkdf2Sha512Hash parse(String encoded) throws HashFormatException {
        String[] fields = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (fields.length != 3) {
            throw new HashFormatException("a $7$ hash must be $7$ITERATIONS$SALT$HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(fields[0]);
        } catch (NumberFormatException e) {
            throw new HashFormatException("the iteration count of a $7$ hash must be a positive integer");
        }
        if (iterations < 1) {
            throw new HashFormatException("the iteration count of a $7$ hash must be a positive integer");
        }
        byte[] salt = Base64Field.decode(fields[1], "salt of the $7$ hash");
        byte[] hash = Base64Field.decode(fields[2], "hash of the $7$ hash");
        if (hash.length != HASH_BYTES) {
            throw new HashFormatException("the hash of a $7$ hash must be " + HASH_BYTES + " bytes, got " + hash.length);
        }
        return new Pbkdf2Sha512Hash(iterations, salt, hash);
    }

    /** A new hash of {@code password} with mosquitto_passwd's defaults and a fresh random salt. */
    static Pbkdf2Sha512Hash create(byte[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Pbkdf2Sha512Hash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    @Override
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    @Override
    public String cost() {
        return PREFIX + " " + iterations;
    }

    @Override
    public Pbkdf2Sha512Hash decoy(SecureRandom random) {
        byte[] randomSalt = new byte[salt.length];
        byte[] randomHash = new byte[HASH_BYTES];
        random.nextBytes(randomSalt);
        random.nextBytes(randomHash);
        return new Pbkdf2Sha512Hash(iterations, randomSalt, randomHash);
    }

    /** The password file form, {@code $7$101$SALT$HASH}. */
    String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] derive(byte[] password, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(HASH_BYTES * 8)).getKey();
    }

    @Override
    public String toString() {
        // Never print salt or hash: they end up in logs.
        return "$7$ PBKDF2-SHA512 (" + iterations + " iterations)";
    }
}
