package io.topicguard.jmh.policy;

import java.util.Objects;

/**
 * One generated rule, kept in a form every output format can be written from.
 *
 * @param kind    its shape
 * @param subject the username, client id, regex or CIDR the rule is about; null for {@code all}
 * @param read    whether the rule grants (or denies) subscribe
 * @param write   whether the rule grants (or denies) publish
 * @param topic   the topic filter as the native policy writes it (placeholders as {@code ${...}})
 */
public record GeneratedRule(RuleKind kind, String subject, boolean read, boolean write, String topic) {

    public GeneratedRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        if (!read && !write) {
            throw new IllegalArgumentException("a rule must govern publish, subscribe or both: " + topic);
        }
    }

    /** The rule as one line of the native policy language (docs/language.md). */
    public String policyLine() {
        String effect = kind == RuleKind.DENY || kind == RuleKind.FIREHOSE_DENY ? "deny" : "allow";
        String who = switch (kind) {
            case USER, DENY -> "username " + quote(subject);
            case CLIENT -> "clientid " + quote(subject);
            case PLACEHOLDER, SHARED, FIREHOSE_DENY -> "all";
            case REGEX -> "username ~ " + quote(subject);
            case CIDR -> "ip " + quote(subject);
        };
        String actions = read && write ? "publish, subscribe" : write ? "publish" : "subscribe";
        String topicText = kind == RuleKind.FIREHOSE_DENY ? "eq " + quote(topic) : quote(topic);
        return effect + " " + who + " to " + actions + " " + topicText;
    }

    /** The mosquitto/Moquette access word: {@code read}, {@code write} or {@code readwrite}. */
    public String accessWord() {
        return read && write ? "readwrite" : write ? "write" : "read";
    }

    /** The topic with {@code ${clientid}} and {@code ${username}} written as mosquitto's {@code %c} and {@code %u}. */
    public String percentTopic() {
        return topic.replace("${clientid}", "%c").replace("${username}", "%u");
    }

    private static String quote(String s) {
        // Generated subjects and topics never hold quotes or backslashes; escape anyway so the
        // policy stays valid if someone changes the generator.
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
