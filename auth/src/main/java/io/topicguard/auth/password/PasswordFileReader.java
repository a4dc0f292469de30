package io.topicguard.auth.password;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a password file's lines as strict UTF-8, turning I/O failures into worded messages. */
final class PasswordFileReader {

    private PasswordFileReader() {
    }

    /** The lines of {@code file} without their {@code \n} (a {@code \r} before it is kept). */
    static List<String> readLines(Path file) throws PasswordFileException {
        byte[] bytes = readBytes(file);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && start == i) {
                    break; // the file ends with a newline (or is empty): no final partial line
                }
                lines.add(decode(file, lines.size() + 1, bytes, start, i - start));
                start = i + 1;
            }
        }
        return lines;
    }

    static byte[] readBytes(Path file) throws PasswordFileException {
        if (Files.isDirectory(file)) {
            throw new PasswordFileException(file + ": is a directory, not a password file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PasswordFileException(file + ": not found");
        } catch (AccessDeniedException e) {
            throw new PasswordFileException(file + ": permission denied");
        } catch (IOException e) {
            throw new PasswordFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String decode(Path file, int lineNumber, byte[] bytes, int offset, int length)
            throws PasswordFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            // MQTT usernames are UTF-8 strings (MQTT-1.5.3-1); anything else cannot be a user.
            throw new PasswordFileException(file + ":" + lineNumber + ": not valid UTF-8");
        }
    }
}
