package io.topicguard.jmh.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a generated policy as a mosquitto 2.0 {@code acl_file}, with only what that format can
 * express.
 *
 * <p>The translation: a per-user rule becomes a {@code topic readwrite} line in its
 * {@code user NAME} section, a per-user deny rule a {@code topic deny} line there; a rule for
 * {@code all} becomes a {@code pattern} line ({@code %c} / {@code %u} for {@code ${clientid}} /
 * {@code ${username}}), because mosquitto applies plain {@code topic} lines before the first
 * {@code user} line to anonymous clients only, and {@code pattern} lines to everyone.
 * Per-client-id, regular-expression and CIDR rules and the {@code eq "#"} firehose deny are left
 * out: the format has no client-id sections, expressions, addresses or exact-match topics.
 */
public final class MosquittoAclFormat {

    private MosquittoAclFormat() {
    }

    public static String write(List<GeneratedRule> rules) {
        StringBuilder patterns = new StringBuilder();
        Map<String, StringBuilder> users = new LinkedHashMap<>();
        for (GeneratedRule rule : rules) {
            switch (rule.kind()) {
                case USER -> users.computeIfAbsent(rule.subject(), u -> new StringBuilder())
                        .append("topic ").append(rule.accessWord()).append(' ').append(rule.topic()).append('\n');
                case DENY -> users.computeIfAbsent(rule.subject(), u -> new StringBuilder())
                        .append("topic deny ").append(rule.topic()).append('\n');
                case SHARED, PLACEHOLDER -> patterns.append("pattern ").append(rule.accessWord()).append(' ')
                        .append(rule.percentTopic()).append('\n');
                case CLIENT, REGEX, CIDR, FIREHOSE_DENY -> {
                    // Not expressible in mosquitto's format; see the class comment.
                }
            }
        }
        StringBuilder out = new StringBuilder(patterns);
        users.forEach((user, lines) -> out.append("user ").append(user).append('\n').append(lines));
        return out.toString();
    }
}
