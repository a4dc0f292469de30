package io.topicguard.jmh.load;

/**
 * The policy the load generator runs every broker with: {@code rules - 1} filler rules for the
 * load clients' own username that never match their traffic, then the one rule that does. A broker
 * that scans its rules in order (mosquitto checks every ACL line of a user in turn) pays for all
 * of them on every PUBLISH and every delivery; a compiled trie should not.
 *
 * <p>Native: {@code allow username "bench" to publish, subscribe "bench/filler/I/+/data"} for each
 * I, then {@code allow username "bench" to publish, subscribe "load/#"}. mosquitto: the same lines
 * as {@code topic readwrite} in the {@code user bench} section, in the same order.
 */
public record LoadPolicy(int rules) {

    /** The one username every load client connects with. */
    public static final String USERNAME = "bench";
    /** Its password (the brokers run with {@code allow_anonymous false} / {@code anonymous deny}). */
    public static final String PASSWORD = "bench-password";

    public LoadPolicy {
        if (rules < 1) {
            throw new IllegalArgumentException("a load policy needs at least the rule that allows the traffic, got " + rules);
        }
    }

    /** The topic publisher {@code index} publishes to and its paired subscriber subscribes to. */
    public static String topic(int index) {
        return "load/" + index + "/data";
    }

    public String policyText() {
        StringBuilder out = new StringBuilder(rules * 80 + 64);
        out.append("# load policy: ").append(rules).append(" rules, the traffic decided by the last\n");
        out.append("default deny\nanonymous deny\n");
        for (int i = 0; i < rules - 1; i++) {
            out.append("allow username \"").append(USERNAME).append("\" to publish, subscribe \"").append(filler(i)).append("\"\n");
        }
        out.append("allow username \"").append(USERNAME).append("\" to publish, subscribe \"load/#\"\n");
        return out.toString();
    }

    public String mosquittoAcl() {
        StringBuilder out = new StringBuilder(rules * 40 + 64);
        out.append("user ").append(USERNAME).append('\n');
        for (int i = 0; i < rules - 1; i++) {
            out.append("topic readwrite ").append(filler(i)).append('\n');
        }
        out.append("topic readwrite load/#\n");
        return out.toString();
    }

    private static String filler(int i) {
        return "bench/filler/" + i + "/+/data";
    }
}
