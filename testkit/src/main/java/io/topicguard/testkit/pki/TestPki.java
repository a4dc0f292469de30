package io.topicguard.testkit.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throwaway certificates for tests: CAs, server and client certificates with chosen validity,
 * written as real PEM files in the key formats servers meet (PKCS#8, traditional, encrypted), and
 * JDK client contexts that present them. EC P-256 keys (fast to generate) unless a test asks for RSA.
 */
public final class TestPki {

    /** Not registered globally, so the JDK's TLS stack under test is untouched. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A key pair and the certificate for it. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private TestPki() {
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two RSA key pairs, made once: 2048-bit generation takes seconds on a busy machine. */
    private static final KeyPair[] RSA = new KeyPair[2];

    /** RSA key pair number {@code which} (0 or 1), the same one on every call. */
    public static synchronized KeyPair rsaKeys(int which) {
        if (RSA[which] == null) {
            RSA[which] = newRsaKeys();
        }
        return RSA[which];
    }

    private static KeyPair newRsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued ca(String cn) {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        return new Issued(keys, sign("CN=" + cn, keys, cn, keys.getPrivate(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                Kind.CA));
    }

    /** A server certificate for localhost and 127.0.0.1, valid from yesterday for 30 days. */
    public static Issued server(Issued ca) {
        Instant now = Instant.now();
        return server(ca, ecKeys(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    public static Issued server(Issued ca, KeyPair keys, Instant notBefore, Instant notAfter) {
        return new Issued(keys, sign("CN=localhost", keys, subjectOf(ca), ca.privateKey(), notBefore, notAfter, Kind.SERVER));
    }

    /** A client certificate valid from yesterday for 30 days. */
    public static Issued client(Issued ca, String cn) {
        Instant now = Instant.now();
        return client(ca, cn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    public static Issued client(Issued ca, String cn, Instant notBefore, Instant notAfter) {
        KeyPair keys = ecKeys();
        return new Issued(keys, sign("CN=" + cn, keys, subjectOf(ca), ca.privateKey(), notBefore, notAfter, Kind.CLIENT));
    }

    /** A client certificate with any subject, e.g. {@code "O=Acme,CN=a,CN=b"}. */
    public static Issued clientWithSubject(Issued ca, String subject) {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        return new Issued(keys, sign(subject, keys, subjectOf(ca), ca.privateKey(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), Kind.CLIENT));
    }

    /** A CA certificate with the given validity. */
    public static Issued ca(String cn, Instant notBefore, Instant notAfter) {
        KeyPair keys = ecKeys();
        return new Issued(keys, sign("CN=" + cn, keys, cn, keys.getPrivate(), notBefore, notAfter, Kind.CA));
    }

    /** Validity rounded to whole seconds, as X.509 stores it, so tests can predict the printed dates. */
    public static Instant daysFromNow(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
    }

    private enum Kind { CA, SERVER, CLIENT }

    private static String subjectOf(Issued ca) {
        return ca.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    private static X509Certificate sign(String subject, KeyPair keys, String issuerCn, PrivateKey issuerKey,
                                        Instant notBefore, Instant notAfter, Kind kind) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), keys.getPublic());
            switch (kind) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SERVER -> {
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                }
                case CLIENT -> builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
        }
    }

    // ---- PEM files ----

    /** A server certificate and the files a TLS listener is configured with. */
    public record ServerFiles(Issued server, Path cert, Path key, Path caFile) {
    }

    /**
     * Issues a server certificate from {@code ca} ({@link #server(Issued)}) and writes
     * {@code server.pem}, {@code server-key.pem} (PKCS#8) and {@code ca.pem} into {@code dir}.
     */
    public static ServerFiles serverFiles(Path dir, Issued ca) throws IOException {
        Issued server = server(ca);
        return new ServerFiles(server,
                write(dir, "server.pem", pem(server.certificate())),
                write(dir, "server-key.pem", pkcs8(server.privateKey())),
                write(dir, "ca.pem", pem(ca.certificate())));
    }

    public static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    /** Certificates in PEM, in the given order. */
    public static String pem(X509Certificate... certificates) {
        return pemOf(List.of((Object[]) certificates));
    }

    /** PKCS#8 {@code PRIVATE KEY}. */
    public static String pkcs8(PrivateKey key) {
        try {
            return pemOf(List.of(new JcaPKCS8Generator(key, null)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The "traditional" OpenSSL form: PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}. */
    public static String traditional(KeyPair keys) {
        return pemOf(List.of(keys));
    }

    /**
     * SEC1 {@code EC PRIVATE KEY} as openssl writes it: with the curve and the public key inside
     * (BouncyCastle's own writer leaves both out when the JDK made the key).
     */
    public static String sec1(KeyPair keys) {
        try {
            var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            var curve = org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
            var publicKey = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            var d = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, publicKey.getPublicKeyData(), curve);
            return pemOf(List.of(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ENCRYPTED PRIVATE KEY} (PKCS#8, AES-256-CBC). */
    public static String encryptedPkcs8(PrivateKey key) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BC).setPassword("secret".toCharArray()).build();
            return pemOf(List.of(new JcaPKCS8Generator(key, encryptor)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Traditional key with {@code Proc-Type: 4,ENCRYPTED} headers. */
    public static String encryptedTraditional(KeyPair keys) {
        try {
            var encryptor = new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build("secret".toCharArray());
            return pemOf(List.of(new JcaMiscPEMGenerator(keys, encryptor)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pemOf(List<Object> objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                if (object instanceof org.bouncycastle.util.io.pem.PemObject pem) {
                    writer.writeObject(pem);
                } else if (object instanceof org.bouncycastle.util.io.pem.PemObjectGenerator generator) {
                    writer.writeObject(generator);
                } else {
                    writer.writeObject(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    // ---- JDK clients ----

    /**
     * A client context that trusts {@code trusted} and, when {@code identity} is not null, always
     * presents it, even when the server asks for certificates of other CAs (the JDK's own key
     * manager would then send nothing, and "unknown CA" could not be tested).
     */
    public static SSLContext clientContext(Issued trusted, Issued identity) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted.certificate());
            TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX");
            trustFactory.init(trust);
            KeyManager[] keyManagers = identity == null ? new KeyManager[0] : new KeyManager[]{new FixedKeyManager(identity)};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustFactory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final Issued identity;

        FixedKeyManager(Issued identity) {
            this.identity = identity;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[]{ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[]{identity.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.privateKey();
        }
    }
}
