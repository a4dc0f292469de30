package io.topicguard.auth.password;

import java.util.Base64;

/** Decodes the standard-alphabet base64 fields that mosquitto writes (OpenSSL's encoder, padded). */
final class Base64Field {

    private Base64Field() {
    }

    static byte[] decode(String field, String what) throws HashFormatException {
        if (field.isEmpty()) {
            throw new HashFormatException("empty " + what);
        }
        try {
            return Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            throw new HashFormatException(what + " is not valid base64");
        }
    }
}
