package io.topicguard.auth.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import io.topicguard.auth.chain.AuthenticatorSetupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code public-key: FILE}: a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo, what
 * {@code openssl pkey -pubout} writes) or a {@code CERTIFICATE}, RSA or EC, as a JWK for Nimbus.
 */
final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");

    private PemKeys() {
    }

    static JWK read(Path file) throws AuthenticatorSetupException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AuthenticatorSetupException("public key file " + file + ": cannot read: " + e.getMessage(), e);
        }
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw new AuthenticatorSetupException("public key file " + file + ": no PEM block (-----BEGIN PUBLIC KEY----- or CERTIFICATE)");
        }
        PublicKey key;
        try {
            switch (m.group(1)) {
                case "CERTIFICATE" -> {
                    X509Certificate certificate = X509CertUtils.parseWithException(m.group(0));
                    key = certificate.getPublicKey();
                }
                case "PUBLIC KEY" -> key = publicKey(Base64.getMimeDecoder().decode(m.group(2)));
                default -> throw new AuthenticatorSetupException("public key file " + file + ": a PEM " + m.group(1)
                        + " block; expected PUBLIC KEY or CERTIFICATE (a private key does not belong here)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AuthenticatorSetupException("public key file " + file + ": not a usable key: " + e.getMessage(), e);
        }
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new AuthenticatorSetupException("public key file " + file + ": RSA key of " + rsa.getModulus().bitLength()
                        + " bits; at least 2048 are required");
            }
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new AuthenticatorSetupException("public key file " + file + ": EC key on a curve JWT does not use (P-256, P-384, P-521 are)");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw new AuthenticatorSetupException("public key file " + file + ": a " + key.getAlgorithm() + " key; expected RSA or EC");
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }
}
