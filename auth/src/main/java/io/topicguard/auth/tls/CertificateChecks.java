package io.topicguard.auth.tls;

import javax.security.auth.x500.X500Principal;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The start-up checks on certificates and keys that the JDK would otherwise report late and vaguely. */
public final class CertificateChecks {

    private CertificateChecks() {
    }

    /**
     * Fails when a certificate of the server's chain is outside its validity period at {@code now}:
     * clients would refuse every handshake, so the server should not start.
     */
    public static void requireValid(PemFile file, List<X509Certificate> chain, Instant now) throws PemException {
        for (X509Certificate certificate : chain) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            String period = "(valid " + format(notBefore) + " to " + format(notAfter) + ")";
            if (now.isAfter(notAfter)) {
                throw file.problem("certificate " + subject(certificate) + " expired on " + format(notAfter) + " " + period);
            }
            if (now.isBefore(notBefore)) {
                throw file.problem("certificate " + subject(certificate) + " is not valid yet, it starts on "
                        + format(notBefore) + " " + period + "; check the system clock");
            }
        }
    }

    /** Fails unless {@code key} is the private half of the certificate's public key. */
    public static void requireMatch(PemFile keyFile, PrivateKey key, PemFile certFile, X509Certificate certificate)
            throws PemException {
        PublicKey publicKey = certificate.getPublicKey();
        String keyAlgorithm = family(key.getAlgorithm());
        String certAlgorithm = family(publicKey.getAlgorithm());
        if (!keyAlgorithm.equals(certAlgorithm)) {
            throw keyFile.problem("the private key is " + keyAlgorithm + " but the certificate " + subject(certificate)
                    + " in " + certFile + " has an " + certAlgorithm + " key; they do not belong together");
        }
        if (!matches(key, publicKey)) {
            throw keyFile.problem("the private key does not match the certificate " + subject(certificate)
                    + " in " + certFile + " (their public keys differ)");
        }
    }

    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) throws PemException {
        // RSA: the modulus is in every RSA private key, so compare it directly.
        if (key instanceof RSAPrivateKey rsa && publicKey instanceof RSAPublicKey rsaPublic) {
            return rsa.getModulus().equals(rsaPublic.getModulus());
        }
        // EC, EdDSA and anything else: the key matches when what it signs the certificate's key verifies.
        try {
            String algorithm = signatureAlgorithm(key);
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A curve mismatch, for instance, makes verification throw instead of return false.
            return false;
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (family(key.getAlgorithm())) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448 and EdDSA name their own signature
        };
    }

    /** JCA spells the same key type several ways ("ECDSA" from BouncyCastle, "EC" from the JDK). */
    private static String family(String algorithm) {
        return switch (algorithm) {
            case "ECDSA", "EC" -> "EC";
            case "RSA", "RSASSA-PSS" -> "RSA";
            default -> algorithm;
        };
    }
}
