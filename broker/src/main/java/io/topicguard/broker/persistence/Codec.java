package io.topicguard.broker.persistence;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.routing.Message;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Will;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of what the store holds. Each record starts with a format version so that a later
 * broker can still read it; an unknown version is a corrupt store, never guessed at. Deadlines
 * (message expiry, a will's) are instants of the wall clock, so the time the broker was down
 * counts as elapsed.
 */
final class Codec {

    /** 2 appended the message expiry deadline to messages; a message of format 1 counts its expiry from when it is read. */
    private static final int VERSION = 2;
    private static final int OLDEST_READABLE = 1;

    private Codec() {
    }

    /** The persisted fields of a session's owner and lifetime. */
    record SessionRecord(String username, String commonName, String listener, long expirySeconds, long disconnectedAt) {
    }

    /** A will waiting at {@code deadline}, without its binding: the policy in force when it is restored binds it. */
    record PendingWill(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, long delaySeconds, long deadline) {

        Will boundTo(ClientAccess access) {
            return new Will(topic, payload, qos, retain, properties, delaySeconds, access);
        }
    }

    static byte[] message(Message m) {
        return write(out -> {
            common(out, m.topic(), m.qos(), m.retain(), m.payload(), m.properties());
            out.writeLong(m.expiresAt());
        });
    }

    static Message message(byte[] bytes) {
        return read(bytes, (in, version) -> {
            Common c = common(in);
            return version == 1 ? new Message(c.topic, c.payload, c.qos, c.retain, c.properties, null)
                    : new Message(c.topic, c.payload, c.qos, c.retain, c.properties, null, in.readLong());
        });
    }

    static byte[] will(Will w, long deadline) {
        return write(out -> {
            common(out, w.topic(), w.qos(), w.retain(), w.payload(), w.properties());
            out.writeLong(w.delaySeconds());
            out.writeLong(deadline);
        });
    }

    static PendingWill will(byte[] bytes) {
        return read(bytes, (in, version) -> {
            Common c = common(in);
            return new PendingWill(c.topic, c.payload, c.qos, c.retain, c.properties, in.readLong(), in.readLong());
        });
    }

    static byte[] outbound(OutboundMessage m) {
        return write(out -> {
            common(out, m.topic(), m.qos(), m.retain(), m.payload(), m.properties());
            out.writeShort(m.subscriptionIds().length);
            for (int id : m.subscriptionIds()) {
                out.writeInt(id);
            }
            out.writeLong(m.expiresAt());
        });
    }

    static OutboundMessage outbound(byte[] bytes) {
        return read(bytes, (in, version) -> {
            Common c = common(in);
            int[] ids = new int[in.readShort()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = in.readInt();
            }
            return version == 1 ? new OutboundMessage(c.topic, c.payload, c.qos, c.retain, c.properties, ids)
                    : new OutboundMessage(c.topic, c.payload, c.qos, c.retain, c.properties, ids, in.readLong());
        });
    }

    static byte[] subscription(Subscription s) {
        return write(out -> {
            out.writeUTF(s.filter());
            out.writeUTF(s.topicFilter());
            writeNullable(out, s.shareGroup());
            out.writeByte(s.qos());
            out.writeBoolean(s.noLocal());
            out.writeBoolean(s.retainAsPublished());
            out.writeByte(s.retainHandling());
            out.writeInt(s.subscriptionId());
        });
    }

    /** The stored subscription, checked on each delivery until the policy in force classifies it again. */
    static Subscription subscription(String clientId, byte[] bytes) {
        return read(bytes, (in, version) -> new Subscription(clientId, in.readUTF(), in.readUTF(), readNullable(in), in.readByte(), in.readBoolean(),
                in.readBoolean(), in.readByte(), in.readInt(), true));
    }

    static byte[] session(SessionRecord r) {
        return write(out -> {
            writeNullable(out, r.username());
            writeNullable(out, r.commonName());
            writeNullable(out, r.listener());
            out.writeLong(r.expirySeconds());
            out.writeLong(r.disconnectedAt());
        });
    }

    static SessionRecord session(byte[] bytes) {
        return read(bytes, (in, version) -> new SessionRecord(readNullable(in), readNullable(in), readNullable(in), in.readLong(), in.readLong()));
    }

    /** The fields every kind of message record starts with. */
    private record Common(String topic, int qos, boolean retain, byte[] payload, MqttProperties properties) {
    }

    private static Common common(DataInputStream in) throws IOException {
        String topic = in.readUTF();
        int qos = in.readByte();
        boolean retain = in.readBoolean();
        return new Common(topic, qos, retain, readBytes(in), properties(in));
    }

    /** The fields a published message, a message on its way to one session and a will share, in the order {@link #common(DataInputStream)} reads them. */
    private static void common(DataOutputStream out, String topic, int qos, boolean retain, byte[] payload, MqttProperties props)
            throws IOException {
        out.writeUTF(topic);
        out.writeByte(qos);
        out.writeBoolean(retain);
        writeBytes(out, payload);
        properties(out, props);
    }

    // --- MQTT 5 properties: the ones forwarded with a message (integers, strings, binary, user properties)

    private static void properties(DataOutputStream out, MqttProperties props) throws IOException {
        List<MqttProperties.MqttProperty> all = new ArrayList<>(props.listAll());
        out.writeShort(all.size());
        for (MqttProperties.MqttProperty<?> p : all) {
            out.writeByte(p.propertyId());
            if (p instanceof MqttProperties.IntegerProperty i) {
                out.writeByte('I');
                out.writeInt(i.value());
            } else if (p instanceof MqttProperties.StringProperty s) {
                out.writeByte('S');
                out.writeUTF(s.value());
            } else if (p instanceof MqttProperties.BinaryProperty b) {
                out.writeByte('B');
                writeBytes(out, b.value());
            } else if (p instanceof MqttProperties.UserProperties u) {
                out.writeByte('U');
                out.writeShort(u.value().size());
                for (MqttProperties.StringPair pair : u.value()) {
                    out.writeUTF(pair.key);
                    out.writeUTF(pair.value);
                }
            } else if (p instanceof MqttProperties.UserProperty u) {
                out.writeByte('U');
                out.writeShort(1);
                out.writeUTF(u.value().key);
                out.writeUTF(u.value().value);
            } else {
                out.writeByte('-'); // a kind no forwarded property has: skipped on reading
            }
        }
    }

    private static MqttProperties properties(DataInputStream in) throws IOException {
        int n = in.readShort();
        if (n == 0) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties props = new MqttProperties();
        for (int i = 0; i < n; i++) {
            int id = in.readUnsignedByte();
            switch (in.readByte()) {
                case 'I' -> props.add(new MqttProperties.IntegerProperty(id, in.readInt()));
                case 'S' -> props.add(new MqttProperties.StringProperty(id, in.readUTF()));
                case 'B' -> props.add(new MqttProperties.BinaryProperty(id, readBytes(in)));
                case 'U' -> {
                    int pairs = in.readShort();
                    for (int j = 0; j < pairs; j++) {
                        props.add(new MqttProperties.UserProperty(in.readUTF(), in.readUTF()));
                    }
                }
                case '-' -> { }
                default -> throw new IOException("unknown property kind");
            }
        }
        return props;
    }

    // --- plumbing ---------------------------------------------------------------------------

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version < OLDEST_READABLE || version > VERSION) {
                throw new IOException("record format " + version + ", this broker reads " + OLDEST_READABLE + " to " + VERSION);
            }
            return r.read(in, version);
        } catch (IOException e) {
            throw new CorruptStoreException("unreadable record: " + e.getMessage(), e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
