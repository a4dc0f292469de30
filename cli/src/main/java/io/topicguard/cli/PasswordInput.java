package io.topicguard.cli;

import java.io.Console;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where {@code topicguard passwd} gets the new password from (a terminal, or a line of standard
 * input), and {@code check --password-stdin} the password to try (all of standard input).
 */
final class PasswordInput {

    /** MQTT's password field is length-prefixed with two bytes (MQTT-1.5.6). */
    static final int MAX_BYTES = 65_535;

    private PasswordInput() {
    }

    /** The password could not be read as given; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The first line of {@code in} as bytes, without its line end ({@code \n}, or {@code \r\n});
     * empty at end of input. Bytes are taken as they are, so any encoding the client will send works.
     */
    static byte[] firstLine(InputStream in) throws IOException, Refused {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() > MAX_BYTES) {
                throw new Refused("the password must not be longer than " + MAX_BYTES + " bytes (MQTT-1.5.6)");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = Arrays.copyOf(bytes, bytes.length - 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refused("the password must not be longer than " + MAX_BYTES + " bytes (MQTT-1.5.6)");
        }
        return bytes;
    }

    /**
     * All of {@code in} as bytes, one trailing line end ({@code \n} or {@code \r\n}) removed, so
     * {@code echo "$TOKEN" | topicguard check ... --password-stdin} sends the token as it was and a
     * password ending in spaces or holding newlines survives.
     */
    static byte[] all(InputStream in) throws IOException, Refused {
        byte[] bytes = in.readNBytes(MAX_BYTES + 3);
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        if (end > MAX_BYTES) {
            throw new Refused("the password must not be longer than " + MAX_BYTES + " bytes (MQTT-1.5.6)");
        }
        return Arrays.copyOf(bytes, end);
    }

    /** Prompts twice without echo, as mosquitto_passwd does, and returns the password as UTF-8. */
    static byte[] prompt(Console console) throws Refused {
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Reenter password: ");
        try {
            if (first == null || second == null) {
                throw new Refused("no password entered");
            }
            if (!Arrays.equals(first, second)) {
                throw new Refused("the passwords do not match");
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(first));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
