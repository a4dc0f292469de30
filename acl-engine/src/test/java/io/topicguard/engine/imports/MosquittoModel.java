package io.topicguard.engine.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent, deliberately literal model of mosquitto 2.0's default ACL check
 * ({@code acl__check_dollar} then {@code mosquitto_acl_check_default} in src/security_default.c),
 * written from its documented behaviour and source, not from the importer. Used to check that an
 * imported acl_file decides publish (write) and delivery (read) as mosquitto does.
 */
final class MosquittoModel {

    enum Access { READ, WRITE, READWRITE, DENY }

    /** One acl_file line: a topic line of {@code user} (null: the anonymous section), or a pattern. */
    record Line(boolean pattern, String user, Access access, String topic) {

        String render() {
            return (pattern ? "pattern " : "topic ") + access.name().toLowerCase(java.util.Locale.ROOT) + " " + topic;
        }
    }

    private final List<Line> lines;

    MosquittoModel(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The acl_file text: anonymous lines first, then each user's section, patterns at the end. */
    String aclFile() {
        StringBuilder out = new StringBuilder();
        lines.stream().filter(l -> !l.pattern() && l.user() == null).forEach(l -> out.append(l.render()).append('\n'));
        lines.stream().filter(l -> !l.pattern() && l.user() != null).map(Line::user).distinct().forEach(user -> {
            out.append("user ").append(user).append('\n');
            lines.stream().filter(l -> !l.pattern() && user.equals(l.user())).forEach(l -> out.append(l.render()).append('\n'));
        });
        lines.stream().filter(Line::pattern).forEach(l -> out.append(l.render()).append('\n'));
        return out.toString();
    }

    /** Whether mosquitto lets this client write (publish) or read (receive) {@code topic}. */
    boolean allowed(String username, String clientId, String topic, boolean write) {
        if (topic.startsWith("$SYS") && write && !matches("$SYS/broker/connection/+/state", topic)) {
            return false;
        }
        if (topic.startsWith("$share")) {
            return false;
        }
        // The client's own section: ACL denials are iterated over first.
        List<Line> own = new ArrayList<>();
        for (Line l : lines) {
            if (!l.pattern() && (username == null ? l.user() == null : username.equals(l.user())) && l.access() == Access.DENY) {
                own.add(l);
            }
        }
        for (Line l : lines) {
            if (!l.pattern() && (username == null ? l.user() == null : username.equals(l.user())) && l.access() != Access.DENY) {
                own.add(l);
            }
        }
        for (Line l : own) {
            Boolean decided = decide(l.topic(), l.topic(), l.access(), topic, write);
            if (decided != null) {
                return decided;
            }
        }
        List<Line> patterns = lines.stream().filter(Line::pattern).toList();
        if (!patterns.isEmpty() && ((username != null && (username.contains("+") || username.contains("#")))
                || clientId.contains("+") || clientId.contains("#"))) {
            return false;
        }
        List<Line> ordered = new ArrayList<>(patterns.stream().filter(l -> l.access() == Access.DENY).toList());
        ordered.addAll(patterns.stream().filter(l -> l.access() != Access.DENY).toList());
        for (Line l : ordered) {
            if (l.topic().contains("%u") && username == null) {
                continue;
            }
            Boolean decided = decide(l.topic(), expand(l.topic(), username, clientId), l.access(), topic, write);
            if (decided != null) {
                return decided;
            }
        }
        return false;
    }

    private static Boolean decide(String written, String acl, Access access, String topic, boolean write) {
        // "If subscription starts with $, acl_root->topic must also start with $."
        if (topic.startsWith("$") && !written.startsWith("$")) {
            return null;
        }
        if (!matches(acl, topic)) {
            return null;
        }
        if (access == Access.DENY) {
            return false;
        }
        boolean grants = write ? access == Access.WRITE || access == Access.READWRITE : access == Access.READ || access == Access.READWRITE;
        return grants ? Boolean.TRUE : null;
    }

    private static String expand(String pattern, String username, String clientId) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '%' && i + 1 < pattern.length() && pattern.charAt(i + 1) == 'c') {
                out.append(clientId);
                i++;
            } else if (pattern.charAt(i) == '%' && i + 1 < pattern.length() && pattern.charAt(i + 1) == 'u' && username != null) {
                out.append(username);
                i++;
            } else {
                out.append(pattern.charAt(i));
            }
        }
        return out.toString();
    }

    /** mosquitto_topic_matches_sub without the '$' rule (applied by the caller, as mosquitto does). */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
