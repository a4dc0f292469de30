package io.topicguard.jmh.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The policy the load generator runs every broker with: {@code rules - 1} filler rules that never
 * match the load clients' traffic, then the one rule that does. A broker that scans its rules in
 * order pays for all of them on every PUBLISH and every delivery; a compiled trie should not. The
 * {@link Kind} says which of mosquitto's two scans the filler lands in:
 *
 * <ul>
 *   <li>{@link Kind#USER}: rules for the load clients' own username. Native:
 *       {@code allow username "bench" to publish, subscribe "bench/filler/I/+/data"} for each I,
 *       then {@code allow username "bench" to publish, subscribe "load/#"}; mosquitto: the same
 *       filters as {@code topic readwrite} lines in the {@code user bench} section, in the same order.
 *   <li>{@link Kind#PATTERN}: rules for every client through a placeholder, the kind operators
 *       write to give each device its own subtree. Native:
 *       {@code allow all to publish, subscribe "bench/${username}/filler/I/data"} for each I, then
 *       {@code allow all to publish, subscribe "load/#"}; mosquitto: {@code pattern readwrite
 *       bench/%u/filler/I/data} lines, then {@code pattern readwrite load/#}. mosquitto substitutes
 *       {@code %u} into every pattern line on every check, so this is the scan that hurts it most.
 * </ul>
 *
 * Both kinds start with {@code default deny} and {@code anonymous deny}; the brokers also run with
 * {@code allow_anonymous false} and a password file, so the clients pass the ACL as user
 * {@value #USERNAME}.
 *
 * @param kind  which scan the filler rules land in
 * @param rules the filler rules plus the one that allows the traffic
 */
public record LoadPolicy(Kind kind, int rules) {

    /** The one username every load client connects with. */
    public static final String USERNAME = "bench";
    /** Its password (the brokers run with {@code allow_anonymous false} / {@code anonymous deny}). */
    public static final String PASSWORD = "bench-password";

    /** Where the filler rules live; {@link #label()} is the name in options, JSON and the report. */
    public enum Kind {
        /** Rules of the load user's own section ({@code user bench} / {@code topic} lines in mosquitto). */
        USER,
        /** Rules for every client through {@code ${username}} ({@code pattern} lines with {@code %u} in mosquitto). */
        PATTERN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code label} ({@code user} or {@code pattern}). */
        public static Kind of(String label) {
            return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown policy kind '" + label + "' (expected "
                            + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(" or ")) + ")"));
        }
    }

    public LoadPolicy {
        if (kind == null) {
            throw new IllegalArgumentException("a load policy needs a kind (user or pattern)");
        }
        if (rules < 1) {
            throw new IllegalArgumentException("a load policy needs at least the rule that allows the traffic, got " + rules);
        }
    }

    /** The topic publisher {@code index} publishes to and its paired subscriber subscribes to. */
    public static String topic(int index) {
        return "load/" + index + "/data";
    }

    /** A file-name stem that tells this policy from the other kinds and sizes in one work directory. */
    String fileStem() {
        return "load-" + kind.label() + "-" + rules;
    }

    public String policyText() {
        String who = kind == Kind.USER ? "username \"" + USERNAME + "\"" : "all";
        StringBuilder out = new StringBuilder(rules * 80 + 64);
        out.append("# load policy (").append(kind.label()).append("): ").append(rules)
                .append(" rules, the traffic decided by the last\n");
        out.append("default deny\nanonymous deny\n");
        for (int i = 0; i < rules - 1; i++) {
            out.append("allow ").append(who).append(" to publish, subscribe \"").append(nativeFiller(i)).append("\"\n");
        }
        out.append("allow ").append(who).append(" to publish, subscribe \"load/#\"\n");
        return out.toString();
    }

    /** The policy with {@code anonymous allow} in place of {@code anonymous deny}: for the connect storm's anonymous clients. */
    public String policyTextAdmittingAnonymous() {
        return policyText().replaceFirst("\nanonymous deny\n", "\nanonymous allow\n");
    }

    public String mosquittoAcl() {
        StringBuilder out = new StringBuilder(rules * 40 + 64);
        String line;
        if (kind == Kind.USER) {
            out.append("user ").append(USERNAME).append('\n');
            line = "topic readwrite ";
        } else {
            // Pattern lines apply to every user wherever they stand; before any 'user' line is plainest.
            line = "pattern readwrite ";
        }
        for (int i = 0; i < rules - 1; i++) {
            out.append(line).append(mosquittoFiller(i)).append('\n');
        }
        out.append(line).append("load/#\n");
        return out.toString();
    }

    private String nativeFiller(int i) {
        return kind == Kind.USER ? "bench/filler/" + i + "/+/data" : "bench/${username}/filler/" + i + "/data";
    }

    private String mosquittoFiller(int i) {
        return kind == Kind.USER ? "bench/filler/" + i + "/+/data" : "bench/%u/filler/" + i + "/data";
    }
}
