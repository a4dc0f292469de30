package io.topicguard.auth.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One certificate or key file a program was given, read whole with every failure turned into a
 * one-line {@link PemException} that starts with the option and the path
 * ({@code --key /x/key.pem: ...}). The option is how the operator named the file: a command-line
 * option ({@code --key}) or a configuration key ({@code key}).
 */
public record PemFile(String option, Path path) {

    /** Certificates and keys are a few KiB; anything far larger is the wrong file (or /dev/zero). */
    static final int MAX_BYTES = 1 << 20;

    /** The file's content as text (PEM is ASCII; other bytes are left for the PEM parser to reject). */
    public String read() throws PemException {
        if (Files.isDirectory(path)) {
            throw problem("is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw problem("larger than " + (MAX_BYTES >> 20) + " MiB, which is no certificate or key file");
            }
            if (bytes.length == 0) {
                throw problem("file is empty");
            }
            if (looksLikeDer(bytes)) {
                throw problem("not PEM: this looks like binary DER; convert it with"
                        + " 'openssl x509 -inform der' (certificates) or 'openssl pkey -inform der' (keys)");
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw problem(describe(e));
        }
    }

    /** The operator's words for why a file could not be opened (package-private for tests). */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (not readable by this process)";
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot read: " + reason;
    }

    /** An exception whose message is this file, then {@code cause}. */
    public PemException problem(String cause) {
        return new PemException(this + ": " + cause);
    }

    /** A DER certificate or key starts with an ASN.1 SEQUENCE tag and a long-form length. */
    private static boolean looksLikeDer(byte[] bytes) {
        return bytes.length > 2 && bytes[0] == 0x30 && (bytes[1] & 0xFF) >= 0x81 && (bytes[1] & 0xFF) <= 0x84;
    }

    /**
     * What to say when a key stands where a certificate belongs or the other way round, in the
     * words the operator used: {@code (were --cert and --key swapped?)}.
     */
    String swapHint() {
        String stem = option.replaceFirst("(cert|key)$", "");
        return " (were " + stem + "cert and " + stem + "key swapped?)";
    }

    @Override
    public String toString() {
        return option + " " + path;
    }
}
