package io.topicguard.broker.tls;

import java.io.ByteArrayOutputStream;

/**
 * Hand-made ClientHello records for versions the JDK will not even send (its
 * {@code jdk.tls.disabledAlgorithms} turns TLSv1.1 off on the client side too).
 */
final class ClientHello {

    private ClientHello() {
    }

    /** A TLSv1.1 ClientHello (RFC 4346 §7.4.1.2) offering TLS_RSA_WITH_AES_128_CBC_SHA, no extensions. */
    static byte[] tls11() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x03);
        body.write(0x02);                 // client_version TLS 1.1
        body.writeBytes(new byte[32]);    // random
        body.write(0x00);                 // session_id: empty
        body.writeBytes(new byte[]{0x00, 0x02, 0x00, 0x2F}); // one cipher suite
        body.writeBytes(new byte[]{0x01, 0x00});             // compression: null only

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(0x01);            // client_hello
        writeLength(handshake, body.size(), 3);
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);               // handshake record
        record.write(0x03);
        record.write(0x02);               // record version TLS 1.1
        writeLength(record, handshake.size(), 2);
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write((length >>> shift) & 0xFF);
        }
    }
}
