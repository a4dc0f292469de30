package io.topicguard.auth.tls;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one PEM file holds, parsed with BouncyCastle's {@link PEMParser} so that every common key
 * encoding works: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}, with or without the {@code EC PARAMETERS} block openssl writes first).
 * The accessors turn "the wrong kind of file" into a one-line {@link PemException}.
 *
 * <pre>{@code
 * PemFile certFile = new PemFile("--cert", path);
 * List<X509Certificate> chain = PemContents.read(certFile).certificates();
 * }</pre>
 */
public final class PemContents {

    private final PemFile file;
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<PrivateKey> privateKeys = new ArrayList<>();
    /** Blocks that are neither certificate nor usable key, in words ("an encrypted private key"). */
    private final List<String> otherBlocks = new ArrayList<>();
    private boolean encryptedKey;
    private int blocks;

    private PemContents(PemFile file) {
        this.file = file;
    }

    /** Reads and parses the whole file; a malformed block is an error naming its position. */
    public static PemContents read(PemFile file) throws PemException {
        PemContents contents = new PemContents(file);
        contents.parse(file.read());
        return contents;
    }

    /**
     * The certificates in file order, at least one.
     *
     * @throws PemException when the file holds no certificate, naming what it holds instead
     */
    public List<X509Certificate> certificates() throws PemException {
        if (certificates.isEmpty()) {
            if (!privateKeys.isEmpty() || encryptedKey) {
                String hint = file.option().endsWith("cert") ? file.swapHint() : "";
                throw file.problem("holds a private key, not a certificate" + hint);
            }
            throw file.problem(otherBlocks.isEmpty() ? notPem() : "no certificate found (the file holds " + String.join(", ", otherBlocks) + ")");
        }
        return List.copyOf(certificates);
    }

    /**
     * The one private key in the file.
     *
     * @throws PemException when there is none, more than one, or it is encrypted
     */
    public PrivateKey privateKey() throws PemException {
        if (encryptedKey) {
            throw file.problem("the private key is encrypted and topicguard does not ask for passphrases;"
                    + " write an unencrypted copy readable only by the broker's user with 'openssl pkey -in KEY -out KEY.plain'");
        }
        if (privateKeys.size() > 1) {
            throw file.problem("holds " + privateKeys.size() + " private keys; expected exactly one");
        }
        if (privateKeys.isEmpty()) {
            if (!certificates.isEmpty()) {
                throw file.problem("holds a certificate, not a private key" + file.swapHint());
            }
            throw file.problem(otherBlocks.isEmpty() ? notPem() : "no private key found (the file holds " + String.join(", ", otherBlocks) + ")");
        }
        return privateKeys.get(0);
    }

    private String notPem() {
        return blocks == 0 ? "not PEM (no '-----BEGIN' line found)" : "no PEM block found";
    }

    private void parse(String text) throws PemException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            while (true) {
                Object block;
                try {
                    block = parser.readObject();
                } catch (IOException | RuntimeException e) {
                    // BouncyCastle reports bad base64 and unknown block types as IOException or
                    // its own DecoderException (a RuntimeException); both mean "not valid PEM".
                    throw file.problem("PEM block " + (blocks + 1) + " is malformed: " + messageOf(e));
                }
                if (block == null) {
                    return;
                }
                blocks++;
                add(block);
            }
        } catch (IOException closing) {
            // Closing a StringReader cannot fail.
            throw new IllegalStateException(closing);
        }
    }

    private void add(Object block) throws PemException {
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try {
            if (block instanceof X509CertificateHolder holder) {
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            } else if (block instanceof X509TrustedCertificateBlock trusted) {
                certificates.add(new JcaX509CertificateConverter().getCertificate(trusted.getCertificateHolder()));
            } else if (block instanceof PEMKeyPair pair) {
                // SEC1 makes the public key optional; the private half is all the context needs.
                privateKeys.add(keys.getPrivateKey(pair.getPrivateKeyInfo()));
            } else if (block instanceof PrivateKeyInfo info) {
                privateKeys.add(keys.getPrivateKey(info));
            } else if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                encryptedKey = true;
                otherBlocks.add("an encrypted private key");
            } else if (block instanceof ASN1ObjectIdentifier || block instanceof X9ECParameters) {
                // 'openssl ecparam -genkey' writes an EC PARAMETERS block before the key: harmless.
                blocks--;
            } else if (block instanceof PKCS10CertificationRequest) {
                otherBlocks.add("a certificate signing request");
            } else if (block instanceof SubjectPublicKeyInfo) {
                otherBlocks.add("a public key");
            } else if (block instanceof X509CRLHolder) {
                otherBlocks.add("a certificate revocation list");
            } else {
                otherBlocks.add("a PEM block of another kind");
            }
        } catch (CertificateException | IOException e) {
            throw file.problem("PEM block " + blocks + " cannot be decoded: " + messageOf(e));
        }
    }

    private static String messageOf(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s+", " ").trim();
    }
}
