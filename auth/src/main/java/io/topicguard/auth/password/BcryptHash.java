package io.topicguard.auth.password;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A bcrypt hash, {@code $2a$}, {@code $2b$} or {@code $2y$} (as written by {@code htpasswd -B}),
 * verified by BouncyCastle's {@link OpenBSDBCrypt}, whose comparison is constant-time and which
 * uses only the first 72 password bytes, as every bcrypt implementation does.
 */
record BcryptHash(String encoded) implements PasswordHash {

    /** {@code $2x$CC$} then 22 characters of salt and 31 of hash in bcrypt's own base64 alphabet. */
    private static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}");

    static boolean looksLikeBcrypt(String encoded) {
        return encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$");
    }

    static BcryptHash parse(String encoded) throws HashFormatException {
        if (!FORMAT.matcher(encoded).matches()) {
            throw new HashFormatException("a bcrypt hash must be $2b$COST$ followed by 53 characters of salt and hash");
        }
        int cost = Integer.parseInt(encoded.substring(4, 6));
        if (cost < 4 || cost > 31) {
            throw new HashFormatException("the cost of a bcrypt hash must be 04..31, got " + cost);
        }
        return new BcryptHash(encoded);
    }

    @Override
    public boolean matches(byte[] password) {
        return OpenBSDBCrypt.checkPassword(encoded, password);
    }

    @Override
    public String cost() {
        return "bcrypt " + encoded.substring(4, 6);
    }

    @Override
    public BcryptHash decoy(SecureRandom random) {
        byte[] salt = new byte[16];
        byte[] password = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(password);
        return new BcryptHash(OpenBSDBCrypt.generate("2b", password, salt, Integer.parseInt(encoded.substring(4, 6))));
    }

    @Override
    public String toString() {
        return "bcrypt " + encoded.substring(0, 7);
    }
}
