package io.topicguard.dsl.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a policy file's bytes and decodes them as UTF-8, telling apart the ways that can fail:
 * not found, permission denied, a directory, not UTF-8, binary data.
 */
public final class SourceLoader {

    /** The outcome of reading one file. */
    public sealed interface Loaded {
    }

    /** @param sha256 hex SHA-256 of the bytes read */
    public record Text(String text, String sha256) implements Loaded {
    }

    /** The file could not be read at all: {@code reason} completes "cannot read ...: ". */
    public record Unreadable(String reason) implements Loaded {
    }

    /**
     * The file was read but is not text; {@code lossyText} is a best-effort decoding for showing the
     * line, and line/column say where the first bad byte is.
     */
    public record NotText(String message, String lossyText, int line, int column, String sha256) implements Loaded {
    }

    private SourceLoader() {
    }

    public static Loaded load(Path path) {
        if (Files.isDirectory(path)) {
            return new Unreadable("it is a directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new Unreadable("no such file");
        } catch (AccessDeniedException e) {
            return new Unreadable("permission denied");
        } catch (IOException | SecurityException e) {
            return new Unreadable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return decode(bytes);
    }

    static Loaded decode(byte[] bytes) {
        String sha256 = sha256(bytes);
        int bad = firstMalformedByte(bytes);
        if (bad >= 0) {
            String before = new String(bytes, 0, bad, StandardCharsets.UTF_8);
            String lossy = new String(bytes, StandardCharsets.UTF_8);
            return notText(String.format("not a UTF-8 text file: invalid byte 0x%02X", bytes[bad] & 0xFF),
                    before, lossy, sha256);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return notText("not a policy file: binary data (a NUL byte)", text.substring(0, nul), text, sha256);
        }
        // A byte order mark is not part of the policy.
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new Text(text, sha256);
    }

    /**
     * The index of the first byte that is not well-formed UTF-8, or -1. Decodes through a small
     * buffer and throws the characters away, so checking a large file costs no extra memory.
     */
    private static int firstMalformedByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    private static NotText notText(String message, String before, String lossy, String sha256) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = before.codePointCount(lineStart, before.length()) + 1;
        return new NotText(message, lossy, line, column, sha256);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest javadoc).
            throw new AssertionError(e);
        }
    }

}
