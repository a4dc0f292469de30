package io.topicguard.engine.trie;

import io.topicguard.dsl.ast.Attribute;

/**
 * What {@code ${username}}, {@code ${clientid}} and {@code ${cn}} render to for one client, fixed
 * at bind time. An attribute that is absent, empty, starts with {@code $}, or holds {@code /},
 * {@code +}, {@code #} or NUL renders to nothing, and a topic entry that uses it matches nothing (docs/semantics.md, Placeholders: a hostile
 * username can never widen a rule).
 */
public final class PlaceholderValues {

    private final String[] values = new String[Attribute.values().length];

    /** Attribute values as the client has them; any may be null. */
    public PlaceholderValues(String username, String clientId, String commonName) {
        values[Attribute.USERNAME.ordinal()] = safe(username);
        values[Attribute.CLIENTID.ordinal()] = safe(clientId);
        values[Attribute.CN.ordinal()] = safe(commonName);
    }

    /** The rendering of {@code attribute}, or null when a topic using it must match nothing. */
    String get(int attributeOrdinal) {
        return values[attributeOrdinal];
    }

    private static String safe(String value) {
        // A leading '$' would let a placeholder reach $SYS and other broker topics that '+' and '#'
        // are kept away from (username "$SYS" and "${username}/#"): such a value renders nothing.
        if (value == null || value.isEmpty() || value.charAt(0) == '$') {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c == '\0') {
                return null;
            }
        }
        return value;
    }
}
