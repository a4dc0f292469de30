package io.topicguard.jmh.load;

/**
 * The fan-out step's policy, in topicguard's language and as mosquitto's {@code acl_file}: the
 * publisher may publish under {@code fan/}; the "full" subscribers may read all of {@code fan/#};
 * the "partial" ones all of it but {@code fan/denied/#}, so their subscription to {@code fan/#} is
 * PARTIAL (docs/semantics.md, Subscribe): granted, and each delivery through it checked. mosquitto
 * says the same with a {@code topic deny} line, which it applies to deliveries, not to the
 * SUBSCRIBE of {@code fan/#}; it checks read access on every delivery to every subscriber. The
 * traffic goes to {@code fan/allowed/...}, so every subscriber receives every message.
 */
final class FanoutPolicy {

    static final String PUBLISHER = "fan-pub";
    static final String FULL = "fan-full";
    static final String PARTIAL = "fan-partial";
    static final String PASSWORD = "fan-password";
    static final String FILTER = "fan/#";

    private FanoutPolicy() {
    }

    static String topic(long message) {
        return "fan/allowed/" + (message % 16);
    }

    static String topicguard() {
        return String.join("\n",
                "# fan-out policy: " + PARTIAL + "'s subscription to " + FILTER + " is PARTIAL",
                "default deny",
                "anonymous deny",
                "allow username \"" + PUBLISHER + "\" to publish \"fan/#\"",
                "allow username \"" + FULL + "\" to subscribe \"fan/#\"",
                "deny username \"" + PARTIAL + "\" to subscribe \"fan/denied/#\"",
                "allow username \"" + PARTIAL + "\" to subscribe \"fan/#\"",
                "");
    }

    static String mosquitto() {
        return String.join("\n",
                "user " + PUBLISHER, "topic write fan/#",
                "user " + FULL, "topic read fan/#",
                "user " + PARTIAL, "topic deny fan/denied/#", "topic read fan/#",
                "");
    }

    static String passwords() {
        return String.join("\n", PasswordLines.sha512Line(PUBLISHER, PASSWORD), PasswordLines.sha512Line(FULL, PASSWORD),
                PasswordLines.sha512Line(PARTIAL, PASSWORD), "");
    }
}
