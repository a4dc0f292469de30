package io.topicguard.engine.trie;

/**
 * Shares the strings of topic levels that recur across a policy's rules ({@code fleet},
 * {@code telemetry}, {@code +}-free prefixes) between all the tries of one compilation, so a
 * million rules do not hold a million copies of {@code "telemetry"}.
 *
 * <p>Deliberately lossy: a direct-mapped cache of recent levels, not a map of every level ever
 * seen. Most levels of a large policy are unique (one per user or device); filing each in a map of
 * millions cost more compile time than any other step (issue 4: parse + compile of 1,000,000 rules
 * in 10 s), while a recurring level stays in its slot and is shared all the same. A level evicted
 * by a collision is merely stored once more. Sharing is a memory matter only: tries compare
 * levels by value. Not thread-safe: one per compilation.
 */
public final class LevelInterner {

    /** The most slots; a power of two. 16,384 references: 64 KiB, small enough to stay in cache. */
    private static final int MAX_SLOTS = 1 << 14;

    private final String[] slots;
    /** The same for the pieces of compressed paths ({@code ["/telemetry"]}), held by millions of nodes. */
    private final String[][] pieceSlots;

    /** For a handful of rules (a client's carried rules). */
    public LevelInterner() {
        this(16);
    }

    /**
     * @param rules how many rules will be compiled: the slots grow with them up to
     *              {@link #MAX_SLOTS}, because clearing 128 KiB of slots was most of the cost of
     *              compiling a 10-rule policy
     */
    public LevelInterner(int rules) {
        int wanted = (int) Math.min(MAX_SLOTS, Math.max(64, rules * 4L));
        int size = Integer.highestOneBit(wanted - 1) << 1;
        slots = new String[size];
        pieceSlots = new String[size][];
    }

    /** A string equal to {@code text[start, end)}: the cached one when there is one, else a new one, cached. */
    public String intern(String text, int start, int end) {
        int length = end - start;
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
        String cached = slots[slot];
        // String caches its hash, so comparing it first is free and skips most mismatches.
        if (cached != null && cached.length() == length && cached.hashCode() == hash && sameChars(text, start, cached)) {
            return cached;
        }
        String level = start == 0 && end == text.length() ? text : text.substring(start, end);
        slots[slot] = level;
        return level;
    }

    /** Whether {@code text[start, start + cached.length())} equals {@code cached}: a plain loop, cheaper than regionMatches on short levels. */
    private static boolean sameChars(String text, int start, String cached) {
        for (int i = 0; i < cached.length(); i++) {
            if (text.charAt(start + i) != cached.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** An array equal to {@code pieces} (whose strings are already interned): the cached one when there is one. */
    public String[] intern(String[] pieces) {
        int hash = java.util.Arrays.hashCode(pieces);
        int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
        String[] cached = pieceSlots[slot];
        if (cached != null && java.util.Arrays.equals(cached, pieces)) {
            return cached;
        }
        pieceSlots[slot] = pieces;
        return pieces;
    }
}
