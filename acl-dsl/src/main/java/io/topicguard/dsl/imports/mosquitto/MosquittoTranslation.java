package io.topicguard.dsl.imports.mosquitto;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.check.TopicChecks;
import io.topicguard.dsl.imports.common.ImportReporter;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders an acl_file's entries into first-match topicguard rules that decide publish and delivery
 * as mosquitto 2.0's default ACL check does ({@code mosquitto_acl_check_default}):
 * <ol>
 *   <li>publishing to a topic starting with {@code $SYS} or {@code $share} is refused before any
 *       ACL is read ({@code acl__check_dollar}), except bridge state, which the ACL decides;</li>
 *   <li>the client's own section (its {@code user} section, or the anonymous section when it has no
 *       username): deny lines first, then grants;</li>
 *   <li>when there are patterns, a username or client id containing {@code +} or {@code #} is refused;</li>
 *   <li>pattern deny lines, then pattern grants; a {@code %u} pattern never applies to a client
 *       without username;</li>
 *   <li>nothing matched: deny.</li>
 * </ol>
 * read = subscribe (and so delivery), write = publish, readwrite = both, deny = neither.
 */
final class MosquittoTranslation {

    private static final Set<Action> BOTH = EnumSet.allOf(Action.class);

    /** The one $SYS topic mosquitto lets clients publish ({@code acl__check_dollar}). */
    private static final String BRIDGE_STATE = "$SYS/broker/connection/+/state";

    private final ImportReporter reporter;
    private final String file;

    MosquittoTranslation(ImportReporter reporter) {
        this.reporter = reporter;
        this.file = reporter.displayName();
    }

    List<Statement> translate(List<MosquittoEntry> all) {
        List<MosquittoEntry> entries = new ArrayList<>();
        for (MosquittoEntry entry : all) {
            if (usable(entry)) {
                entries.add(entry);
            }
        }
        warnAboutReadings(entries);
        List<Statement> dollarDenies = new ArrayList<>();
        boolean bridgeStateDenied = dollarPublishDenies(entries, dollarDenies);
        List<Statement> rules = new ArrayList<>();
        Map<String, List<MosquittoEntry>> sections = new LinkedHashMap<>();
        List<MosquittoEntry> patterns = new ArrayList<>();
        for (MosquittoEntry entry : entries) {
            if (entry.pattern()) {
                patterns.add(entry);
            } else {
                // The same user's sections are merged by mosquitto, wherever they are in the file.
                sections.computeIfAbsent(entry.user() == null ? "" : "u:" + entry.user(), k -> new ArrayList<>()).add(entry);
            }
        }
        for (List<MosquittoEntry> section : sections.values()) {
            Who who = section.get(0).user() == null ? new Who.Anonymous() : new Who.Equals(Attribute.USERNAME, section.get(0).user());
            section.stream().filter(e -> e.access() == MosquittoEntry.Access.DENY).forEach(e -> rules.add(rule(e, who)));
            section.stream().filter(e -> e.access() != MosquittoEntry.Access.DENY).forEach(e -> rules.add(rule(e, who)));
        }
        if (!patterns.isEmpty()) {
            rules.add(dangerousNames(patterns));
            patterns.stream().filter(e -> e.access() == MosquittoEntry.Access.DENY).forEach(e -> rules.add(rule(e, patternWho(e))));
            patterns.stream().filter(e -> e.access() != MosquittoEntry.Access.DENY).forEach(e -> rules.add(rule(e, patternWho(e))));
        }
        List<Statement> ordered = new ArrayList<>();
        if (bridgeStateDenied) {
            ordered.addAll(bridgeStateFirst(rules));
        }
        ordered.addAll(dollarDenies);
        ordered.addAll(rules);
        return ordered;
    }

    /** Checks the topic as mosquitto's {@code mosquitto_sub_topic_check} does, plus what topicguard cannot express. */
    private boolean usable(MosquittoEntry entry) {
        String topic = entry.topic();
        int placeholder = topic.indexOf("${");
        if (placeholder >= 0) {
            reporter.error(entry.line(), entry.topicColumn() + topic.codePointCount(0, placeholder),
                    "topic \"" + topic + "\" holds '${', which topicguard reads as a placeholder; it cannot be imported literally",
                    entry.pattern() ? "write %c or %u for the client id or username" : null);
            return false;
        }
        if (topic.startsWith("$share/")) {
            reporter.warning(entry.line(), entry.topicColumn(),
                    "this line never decides anything in mosquitto (publishing to $share/ is refused, and deliveries are checked on the real topic); it is skipped",
                    "write the line for the topic without '$share/GROUP/'");
            return false;
        }
        List<Problem> problems = TopicChecks.filterProblems(topic);
        for (Problem problem : problems) {
            // mosquitto_sub_topic_check refuses these too, so mosquitto would not start with this file.
            int offset = problem.offset() < 0 ? 0 : topic.codePointCount(0, problem.offset());
            reporter.error(entry.line(), entry.topicColumn() + offset, "invalid topic \"" + topic + "\": " + problem.message(),
                    problem.hint());
        }
        return problems.isEmpty();
    }

    private void warnAboutReadings(List<MosquittoEntry> entries) {
        boolean subscribeNoted = false;
        boolean anonymousSection = entries.stream().anyMatch(e -> !e.pattern() && e.user() == null);
        boolean anonymousNoted = false;
        for (MosquittoEntry e : entries) {
            if (!e.pattern() && e.user() == null && !anonymousNoted) {
                anonymousNoted = true;
                reporter.warning(e.line(), e.column(),
                        "lines before the first 'user' apply to clients without a username, which topicguard refuses at connect unless the policy says 'anonymous allow'",
                        "add 'anonymous allow' to the converted policy if mosquitto ran with allow_anonymous true");
            }
            if (e.pattern() && e.user() != null) {
                reporter.warning(e.line(), e.column(),
                        "a pattern applies to every client, not only to user \"" + e.user() + "\" whose section it is in", null);
            }
            if (e.pattern() && anonymousSection && e.topic().contains("%u")) {
                reporter.warning(e.line(), e.topicColumn(), "this pattern uses %u, so it never applies to clients without a username", null);
            }
            if (e.access() != MosquittoEntry.Access.DENY && (e.topic().equals("#") || e.topic().startsWith("+"))) {
                reporter.warning(e.line(), e.topicColumn(), "\"" + e.topic()
                        + "\" does not match $SYS or other topics starting with '$' (MQTT-4.7.2-1), in mosquitto either",
                        "add a line for \"$SYS/#\" if that was meant");
            }
            if (!subscribeNoted && (e.access() == MosquittoEntry.Access.READ || e.access() == MosquittoEntry.Access.READWRITE)) {
                subscribeNoted = true;
                reporter.warning(e.line(), e.column(),
                        "mosquitto accepts every SUBSCRIBE and drops undeliverable messages later; topicguard refuses a subscription nothing may be read through (SUBACK failure) and filters one that is partly readable at delivery",
                        "the messages delivered are the same; only the SUBACK differs");
            }
        }
    }

    /**
     * mosquitto refuses publishing to {@code $SYS...} and {@code $share...} whatever the acl_file
     * says ({@code acl__check_dollar}, a string-prefix test), except bridge state
     * ({@value #BRIDGE_STATE}), which it leaves to the acl_file. topicguard has no such exception,
     * so every grant that could let such a publish through is preceded by a deny for its topic; a
     * grant of bridge state alone needs none.
     *
     * @return whether a deny also covers bridge state, so the acl_file's own answer for it must come first
     */
    private boolean dollarPublishDenies(List<MosquittoEntry> entries, List<Statement> rules) {
        boolean bridgeStateDenied = false;
        for (MosquittoEntry e : entries) {
            if (e.access().grantsWrite() && (e.topic().startsWith("$SYS") || e.topic().startsWith("$share"))) {
                if (e.topic().startsWith("$SYS") && withinBridgeState(expand(e))) {
                    continue;
                }
                bridgeStateDenied |= overlaps(e.topic(), BRIDGE_STATE);
                reporter.warning(e.line(), e.topicColumn(), "mosquitto refuses publishing to topics starting with $SYS or $share whatever the acl_file says"
                        + " (bridge state, " + BRIDGE_STATE + ", excepted); the import denies it before every other rule", null);
                rules.add(new RuleStatement(Effect.DENY, new Who.All(), EnumSet.of(Action.PUBLISH),
                        List.of(new Topic.Filter(expand(e), position(e.line(), e.topicColumn()))), Qos.ANY, Retain.ANY,
                        position(e.line(), e.column()), e.text()));
            }
        }
        return bridgeStateDenied;
    }

    /**
     * The acl_file's answer for publishing bridge state, placed before the $SYS denies so they do
     * not decide it: the rules, in their order, that can decide such a publish, narrowed to
     * publishing and, for grants, to bridge-state topics. A deny keeps its topic (what else it
     * covers starts with $SYS and is refused anyway); a grant whose overlap with bridge state is
     * not one filter (a placeholder against a fixed level) is left out, which can only refuse more.
     */
    private static List<Statement> bridgeStateFirst(List<Statement> rules) {
        List<Statement> first = new ArrayList<>();
        for (Statement statement : rules) {
            if (!(statement instanceof RuleStatement r) || !r.actions().contains(Action.PUBLISH)) {
                continue;
            }
            for (Topic t : r.topics()) {
                Topic narrowed = null;
                if (t instanceof Topic.Filter f && !f.filter().startsWith("$SYS/")) {
                    continue; // '+' and '#' do not match '$' topics (MQTT-4.7.2-1), nor does a placeholder's '$' value
                }
                if (t instanceof Topic.Any any) {
                    narrowed = new Topic.Filter(BRIDGE_STATE, any.position());
                } else if (t instanceof Topic.Filter f && r.effect() == Effect.DENY) {
                    narrowed = overlaps(f.filter(), BRIDGE_STATE) ? f : null;
                } else if (t instanceof Topic.Filter f) {
                    String both = withinBridgeState(f.filter()) ? f.filter() : intersectionWithBridgeState(f.filter());
                    narrowed = both == null ? null : new Topic.Filter(both, f.position());
                } // an import writes no eq topics
                if (narrowed != null) {
                    first.add(new RuleStatement(r.effect(), r.who(), EnumSet.of(Action.PUBLISH), List.of(narrowed), r.qos(), r.retain(),
                            r.position(), r.text()));
                }
            }
        }
        return first;
    }

    /** Whether every topic {@code filter} (placeholders expanded) matches is a bridge-state topic. */
    private static boolean withinBridgeState(String filter) {
        String[] levels = filter.split("/", -1);
        return levels.length == 5 && levels[0].equals("$SYS") && levels[1].equals("broker") && levels[2].equals("connection")
                && !levels[3].equals("#") && levels[4].equals("state");
    }

    /** The bridge-state topics {@code filter} matches, as one filter; null when there are none or they are not one filter. */
    private static String intersectionWithBridgeState(String filter) {
        String[] f = filter.split("/", -1);
        String[] b = BRIDGE_STATE.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (i >= f.length) {
                return null;
            }
            if (f[i].equals("#")) {
                out.addAll(List.of(b).subList(i, b.length));
                return String.join("/", out);
            }
            if (b[i].equals("+")) {
                out.add(f[i]);
            } else if (f[i].equals(b[i]) || f[i].equals("+")) {
                out.add(b[i]);
            } else {
                return null;
            }
        }
        boolean parentOfHash = f.length == b.length + 1 && f[b.length].equals("#");
        return f.length == b.length || parentOfHash ? String.join("/", out) : null;
    }

    /**
     * mosquitto refuses pattern rights to a client whose username or client id holds '+' or '#'.
     * topicguard's placeholders already match nothing for such values (docs/semantics.md, Placeholders), but a
     * pattern without placeholders would still grant; this rule keeps mosquitto's answer. Where a
     * deny pattern uses a placeholder, '/' is refused too: mosquitto would expand "a/b" into two
     * levels and deny, topicguard's placeholder would match nothing and let a later grant decide.
     */
    private RuleStatement dangerousNames(List<MosquittoEntry> patterns) {
        boolean userSlash = false;
        boolean clientSlash = false;
        for (MosquittoEntry e : patterns) {
            if (e.access() == MosquittoEntry.Access.DENY) {
                userSlash |= e.topic().contains("%u");
                clientSlash |= e.topic().contains("%c");
            }
        }
        MosquittoEntry first = patterns.get(0);
        if (userSlash || clientSlash) {
            reporter.warning(first.line(), first.column(), "clients whose " + (userSlash ? "username" : "client id")
                    + " contains '/' get no pattern rights: a deny pattern could not expand it the way mosquitto does", null);
        }
        Who who = new Who.Or(List.of(
                new Who.Matches(Attribute.USERNAME, userSlash ? "[+#/]" : "[+#]"),
                new Who.Matches(Attribute.CLIENTID, clientSlash ? "[+#/]" : "[+#]")));
        return new RuleStatement(Effect.DENY, who, BOTH, List.of(new Topic.Any(position(first.line(), first.column()))),
                Qos.ANY, Retain.ANY, position(first.line(), first.column()),
                "(mosquitto) no pattern rights for a username or client id containing '+' or '#'");
    }

    /**
     * Patterns apply to every client, except that mosquitto never lets a pattern that does not
     * itself start with '$' match a '$' topic, even when %c or %u expands to text starting with
     * '$'; topicguard's rendered placeholder would, so such clients are left out of those patterns.
     */
    private static Who patternWho(MosquittoEntry e) {
        if (e.topic().startsWith("%c")) {
            return new Who.Not(new Who.Matches(Attribute.CLIENTID, "^\\$"));
        }
        if (e.topic().startsWith("%u")) {
            return new Who.Not(new Who.Matches(Attribute.USERNAME, "^\\$"));
        }
        return new Who.All();
    }

    private RuleStatement rule(MosquittoEntry e, Who who) {
        Set<Action> actions = switch (e.access()) {
            case READ -> EnumSet.of(Action.SUBSCRIBE);
            case WRITE -> EnumSet.of(Action.PUBLISH);
            case READWRITE, DENY -> BOTH;
        };
        Effect effect = e.access() == MosquittoEntry.Access.DENY ? Effect.DENY : Effect.ALLOW;
        String topic = expand(e);
        for (Problem problem : TopicChecks.filterProblems(topic)) {
            // Cannot happen for a topic mosquitto accepts; reported rather than trusted.
            reporter.error(e.line(), e.topicColumn(), "topic \"" + e.topic() + "\" cannot be imported: " + problem.message(), problem.hint());
        }
        return new RuleStatement(effect, who, actions, List.of(new Topic.Filter(topic, position(e.line(), e.topicColumn()))),
                Qos.ANY, Retain.ANY, position(e.line(), e.column()), e.text());
    }

    /** Whether some topic matches both filters; %c, %u and placeholders count as '+' (a client's value is one level or nothing). */
    private static boolean overlaps(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].equals("#") || y[i].equals("#")) {
                return true;
            }
            boolean any = x[i].equals("+") || y[i].equals("+") || x[i].contains("%c") || x[i].contains("%u") || x[i].contains("${");
            if (!any && !x[i].equals(y[i])) {
                return false;
            }
        }
        return x.length == y.length
                || (x.length == y.length + 1 && x[x.length - 1].equals("#"))
                || (y.length == x.length + 1 && y[y.length - 1].equals("#"));
    }

    /** A pattern's %c and %u as topicguard placeholders, scanned left to right as mosquitto does; a topic line is literal. */
    private static String expand(MosquittoEntry e) {
        if (!e.pattern()) {
            return e.topic();
        }
        String topic = e.topic();
        StringBuilder out = new StringBuilder(topic.length() + 16);
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '%' && i + 1 < topic.length() && (topic.charAt(i + 1) == 'c' || topic.charAt(i + 1) == 'u')) {
                out.append(topic.charAt(i + 1) == 'c' ? "${clientid}" : "${username}");
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private SourcePosition position(int line, int column) {
        return new SourcePosition(file, Math.max(1, line), Math.max(1, column));
    }
}
