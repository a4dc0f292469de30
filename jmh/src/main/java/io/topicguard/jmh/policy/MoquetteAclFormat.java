package io.topicguard.jmh.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a generated policy as a Moquette 0.17 ACL file, with only what that format can express.
 *
 * <p>The translation: a per-user rule becomes a {@code topic readwrite} line in its
 * {@code user NAME} section; a rule for {@code all} becomes a global {@code topic} line (Moquette
 * applies lines before the first {@code user} line to every client), or a {@code pattern} line
 * when its topic holds {@code ${clientid}} / {@code ${username}} (written {@code %c} / {@code %u}).
 * Per-client-id, regular-expression, CIDR and deny rules are left out: Moquette's ACL has no
 * client-id sections, no expressions, no addresses and no deny. The benchmark queries are decided
 * by per-user rules, so both engines give the same answers on them.
 */
public final class MoquetteAclFormat {

    private MoquetteAclFormat() {
    }

    public static String write(List<GeneratedRule> rules) {
        StringBuilder global = new StringBuilder();
        StringBuilder patterns = new StringBuilder();
        Map<String, StringBuilder> users = new LinkedHashMap<>();
        for (GeneratedRule rule : rules) {
            switch (rule.kind()) {
                case USER -> users.computeIfAbsent(rule.subject(), u -> new StringBuilder())
                        .append("topic ").append(rule.accessWord()).append(' ').append(rule.topic()).append('\n');
                case SHARED -> global.append("topic ").append(rule.accessWord()).append(' ').append(rule.topic()).append('\n');
                case PLACEHOLDER -> patterns.append("pattern ").append(rule.accessWord()).append(' ')
                        .append(rule.percentTopic()).append('\n');
                case CLIENT, REGEX, CIDR, DENY, FIREHOSE_DENY -> {
                    // Not expressible in Moquette's format; see the class comment.
                }
            }
        }
        // Moquette reads global lines until the first user or pattern line, so they come first.
        StringBuilder out = new StringBuilder(global);
        users.forEach((user, lines) -> out.append("user ").append(user).append('\n').append(lines));
        out.append(patterns);
        return out.toString();
    }
}
