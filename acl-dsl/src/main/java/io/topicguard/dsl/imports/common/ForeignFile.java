package io.topicguard.dsl.imports.common;

import io.topicguard.dsl.ast.SourceFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a foreign rule file as UTF-8 text, telling apart the ways that can fail. */
public final class ForeignFile {

    /** The text and identity of a file, or why it could not be read ({@code problem} non-null). */
    public record Read(String text, SourceFile file, String problem) {
    }

    private ForeignFile() {
    }

    public static Read read(Path path) {
        String display = path.toString();
        if (Files.isDirectory(path)) {
            return failed(display, path, "cannot read " + display + ": it is a directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return failed(display, path, "cannot read " + display + ": no such file");
        } catch (AccessDeniedException e) {
            return failed(display, path, "cannot read " + display + ": permission denied");
        } catch (IOException | SecurityException e) {
            return failed(display, path, "cannot read " + display + ": " + e.getMessage());
        }
        return fromBytes(display, path, bytes);
    }

    /** Decodes {@code bytes}; {@code path} may be null for text given in memory. */
    public static Read fromBytes(String display, Path path, byte[] bytes) {
        SourceFile file = new SourceFile(display, path, sha256(bytes));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Read(new String(bytes, StandardCharsets.UTF_8), file, "not a UTF-8 text file");
        }
        if (text.indexOf('\0') >= 0) {
            return new Read(text, file, "not a rule file: binary data (a NUL byte)");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // a byte order mark is not part of the rules
        }
        return new Read(text, file, null);
    }

    private static Read failed(String display, Path path, String problem) {
        return new Read("", new SourceFile(display, path, sha256(new byte[0])), problem);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
