package io.topicguard.engine.imports;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An independent, literal model of EMQX's file authorization for publishing and for subscribing
 * to a topic name: the first rule whose who, action and topic match decides; no match gives the
 * catch-all at the end of the file, or deny when there is none (the import's documented choice).
 * Topic matching is {@code emqx_topic:match}: '+' one level, '#' the rest, and a filter starting
 * with a wildcard never matches a topic starting with '$'.
 */
final class EmqxModel {

    enum Who { ALL, USER_ALICE, USER_RE_A, CLIENT_C1, AND_ALICE_C1, OR_ALICE_C2 }

    enum Action { PUBLISH, SUBSCRIBE, ALL }

    /** @param topics filter strings; a leading "eq " means the exact topic */
    record Rule(boolean allow, Who who, Action action, List<String> topics) {

        String render() {
            String w = switch (who) {
                case ALL -> "all";
                case USER_ALICE -> "{username, \"alice\"}";
                case USER_RE_A -> "{user, {re, \"^a\"}}";
                case CLIENT_C1 -> "{clientid, <<\"c1\">>}";
                case AND_ALICE_C1 -> "{'and', [{user, \"alice\"}, {client, \"c1\"}]}";
                case OR_ALICE_C2 -> "{'or', [{username, \"alice\"}, {clientid, \"c2\"}]}";
            };
            String a = switch (action) {
                case PUBLISH -> "publish";
                case SUBSCRIBE -> "subscribe";
                case ALL -> "all";
            };
            String ts = String.join(", ", topics.stream().map(t -> t.startsWith("eq ") ? "{eq, \"" + t.substring(3) + "\"}" : "\"" + t + "\"").toList());
            return "{" + (allow ? "allow" : "deny") + ", " + w + ", " + a + ", [" + ts + "]}.";
        }
    }

    private final List<Rule> rules;
    /** The final {allow, all} (TRUE), {deny, all} (FALSE) or none (null). */
    private final Boolean catchAll;

    EmqxModel(List<Rule> rules, Boolean catchAll) {
        this.rules = List.copyOf(rules);
        this.catchAll = catchAll;
    }

    String aclConf() {
        StringBuilder out = new StringBuilder("%% generated\n");
        rules.forEach(r -> out.append(r.render()).append('\n'));
        if (catchAll != null) {
            out.append(catchAll ? "{allow, all}.\n" : "{deny, all}.\n");
        }
        return out.toString();
    }

    boolean allowed(String username, String clientId, String topic, boolean publish) {
        for (Rule rule : rules) {
            if (!who(rule.who(), username, clientId)) {
                continue;
            }
            if (rule.action() != Action.ALL && (rule.action() == Action.PUBLISH) != publish) {
                continue;
            }
            for (String t : rule.topics()) {
                if (t.startsWith("eq ") ? t.substring(3).equals(topic) : matches(render(t, username, clientId), topic)) {
                    return rule.allow();
                }
            }
        }
        return catchAll != null && catchAll;
    }

    private static boolean who(Who who, String username, String clientId) {
        return switch (who) {
            case ALL -> true;
            case USER_ALICE -> "alice".equals(username);
            case USER_RE_A -> username != null && Pattern.compile("^a").matcher(username).find();
            case CLIENT_C1 -> clientId.equals("c1");
            case AND_ALICE_C1 -> "alice".equals(username) && clientId.equals("c1");
            case OR_ALICE_C2 -> "alice".equals(username) || clientId.equals("c2");
        };
    }

    /** Placeholders rendered; null when one has no value (the filter then matches nothing). */
    private static String render(String filter, String username, String clientId) {
        if ((filter.contains("${username}") || filter.contains("%u")) && username == null) {
            return null;
        }
        String out = filter.replace("${clientid}", clientId).replace("${username}", username == null ? "" : username);
        String[] levels = out.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals("%c")) {
                levels[i] = clientId;
            } else if (levels[i].equals("%u")) {
                levels[i] = username;
            }
        }
        return String.join("/", levels);
    }

    static boolean matches(String filter, String topic) {
        if (filter == null) {
            return false;
        }
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        return MosquittoModel.matches(filter, topic);
    }
}
