package io.topicguard.engine.who;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Values filed under an exact string (a username, client id or CN of a {@code username "v"}
 * expression), in an open-addressing table whose keys are Latin-1 bytes in one shared array: per
 * key a slot of two arrays and its characters, instead of a {@code HashMap} node, an entry object
 * and a {@code String} with its own byte array. A million per-user rules held about 120 bytes each
 * in the map and its keys; here about 30 (issue 20 item 2).
 *
 * <p>A key with one value holds it as is; a key with several holds a {@link Several}. A key with a
 * character beyond Latin-1 (rare in usernames) goes to a plain map instead. Filled by one thread,
 * then only read: reads are thread-safe once the table is published.
 */
final class ExactValues {

    /** The values of a key filed more than once, in filing order. */
    private record Several(Object[] values) {
    }

    /** Each key's length (one byte, or 255 and four more) then its characters, one byte each. */
    private byte[] characters = new byte[256];
    private int used;
    /** Per slot: 1 + where its key starts in {@link #characters}, 0 when the slot is empty. */
    private int[] keyAt = new int[16];
    private Object[] values = new Object[16];
    /**
     * Per slot: its key's {@link String#hashCode()}, while filling only ({@link #trim} drops it).
     * Growing then moves slots without hashing every key's characters again, and a probe skips a
     * slot of another key without comparing characters: both were most of the filing cost of a
     * million usernames (issue 20 item 2).
     */
    private int @Nullable [] hashes = new int[16];
    private int size;
    private final Map<String, Object> wide = new HashMap<>();

    void add(String key, Object value) {
        if (!latin1(key)) {
            wide.merge(key, value, ExactValues::both);
            return;
        }
        if ((size + 1) * 4L > keyAt.length * 3L) {
            grow();
        }
        int hash = key.hashCode();
        int slot = slot(key, hash);
        if (keyAt[slot] != 0) {
            values[slot] = both(values[slot], value);
            return;
        }
        keyAt[slot] = 1 + append(key);
        values[slot] = value;
        if (hashes != null) {
            hashes[slot] = hash;
        }
        size++;
    }

    /** Drops the spare room of the key characters once everything is filed. */
    void trim() {
        characters = Arrays.copyOf(characters, used);
        hashes = null;
    }

    /** Calls {@code action} with each value filed under {@code key}. */
    void forEachFiled(@Nullable String key, Consumer<Object> action) {
        if (key == null) {
            return;
        }
        Object filed = size == 0 ? null : values[slot(key, key.hashCode())];
        if (filed == null && !wide.isEmpty()) {
            filed = wide.get(key);
        }
        if (filed instanceof Several several) {
            for (Object value : several.values) {
                action.accept(value);
            }
        } else if (filed != null) {
            action.accept(filed);
        }
    }

    private static Object both(Object old, Object added) {
        if (old instanceof Several several) {
            Object[] grown = Arrays.copyOf(several.values, several.values.length + 1);
            grown[several.values.length] = added;
            return new Several(grown);
        }
        return new Several(new Object[] {old, added});
    }

    /** The slot holding {@code key}, or the empty slot where it belongs (linear probing). */
    private int slot(String key, int hash) {
        int mask = keyAt.length - 1;
        int slot = spread(hash) & mask;
        int[] known = hashes;
        while (keyAt[slot] != 0 && !((known == null || known[slot] == hash) && sameKey(keyAt[slot] - 1, key))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean sameKey(int at, String key) {
        int length = characters[at] & 0xFF;
        int start = at + 1;
        if (length == 255) {
            length = readInt(at + 1);
            start = at + 5;
        }
        if (length != key.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((characters[start + i] & 0xFF) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code key}'s length and characters; returns where they start. */
    private int append(String key) {
        int length = key.length();
        int need = used + length + 5;
        if (need > characters.length) {
            characters = Arrays.copyOf(characters, Math.max(need, characters.length * 2));
        }
        int at = used;
        if (length < 255) {
            characters[used++] = (byte) length;
        } else {
            characters[used++] = (byte) 255;
            for (int shift = 24; shift >= 0; shift -= 8) {
                characters[used++] = (byte) (length >>> shift);
            }
        }
        for (int i = 0; i < length; i++) {
            characters[used++] = (byte) key.charAt(i);
        }
        return at;
    }

    private int readInt(int at) {
        return (characters[at] & 0xFF) << 24 | (characters[at + 1] & 0xFF) << 16
                | (characters[at + 2] & 0xFF) << 8 | (characters[at + 3] & 0xFF);
    }

    /** {@link String#hashCode()} of the key stored at {@code at}, without making the string. */
    private int hashAt(int at) {
        int length = characters[at] & 0xFF;
        int start = at + 1;
        if (length == 255) {
            length = readInt(at + 1);
            start = at + 5;
        }
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + (characters[start + i] & 0xFF);
        }
        return h;
    }

    /**
     * Mixes a string hash before it picks a slot: names like {@code user-1}, {@code user-2} hash to
     * neighbouring values, which linear probing would pile into one long run.
     */
    private static int spread(int h) {
        int mixed = h * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }

    private static boolean latin1(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int[] oldKeyAt = keyAt;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keyAt = new int[oldKeyAt.length * 2];
        values = new Object[oldKeyAt.length * 2];
        hashes = new int[oldKeyAt.length * 2];
        int mask = keyAt.length - 1;
        for (int i = 0; i < oldKeyAt.length; i++) {
            if (oldKeyAt[i] != 0) {
                int hash = oldHashes != null ? oldHashes[i] : hashAt(oldKeyAt[i] - 1);
                int slot = spread(hash) & mask;
                while (keyAt[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keyAt[slot] = oldKeyAt[i];
                values[slot] = oldValues[i];
                hashes[slot] = hash;
            }
        }
    }
}
