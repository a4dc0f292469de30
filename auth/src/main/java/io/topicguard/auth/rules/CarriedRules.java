package io.topicguard.auth.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicguard.auth.internal.Suggestions;
import io.topicguard.engine.ClientRule;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the rules an authentication source carries, in EMQX 5's format — a list of
 * {@code {"permission": "allow"|"deny", "action": "publish"|"subscribe"|"all", "topic": "t/1" | "eq t/1",
 * "qos": [0,1,2], "retain": true|false}} — or EMQX's older object {@code {"pub": [...], "sub": [...],
 * "all": [...]}} whose topics are all allowed. Every rule is checked; the first bad one rejects
 * the whole set.
 *
 * <pre>{@code
 * List<ClientRule> rules = CarriedRules.parse(new ObjectMapper().readTree(
 *         "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"t/${clientid}\"}]"));
 * }</pre>
 */
public final class CarriedRules {

    private static final List<String> RULE_KEYS = List.of("permission", "action", "topic", "qos", "retain");
    private static final List<String> OLD_KEYS = List.of("pub", "sub", "all");
    /** EMQX 5's placeholder names as topicguard writes them. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("${cert_common_name}", "${cn}");

    private CarriedRules() {
    }

    /**
     * The rules in {@code acl}, in order; an empty list for JSON null or a missing value.
     *
     * @throws CarriedRuleException naming the first rule that is malformed and why
     */
    public static List<ClientRule> parse(@Nullable JsonNode acl) throws CarriedRuleException {
        if (acl == null || acl.isNull() || acl.isMissingNode()) {
            return List.of();
        }
        if (acl.isArray()) {
            List<ClientRule> rules = new ArrayList<>();
            for (int i = 0; i < acl.size(); i++) {
                rules.add(rule(acl.get(i), i + 1));
            }
            return List.copyOf(rules);
        }
        if (acl.isObject()) {
            return oldFormat(acl);
        }
        throw new CarriedRuleException("acl must be a list of rules (or EMQX's {\"pub\": [...], \"sub\": [...]} object), found "
                + acl.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static ClientRule rule(JsonNode rule, int number) throws CarriedRuleException {
        String where = "rule #" + number;
        if (!rule.isObject()) {
            throw new CarriedRuleException(where + ": expected an object {\"permission\", \"action\", \"topic\"}, found " + rule);
        }
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RULE_KEYS.contains(name)) {
                String suggestion = Suggestions.closest(name, RULE_KEYS);
                throw new CarriedRuleException(where + ": unknown field '" + name + "'"
                        + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : ""));
            }
        }
        ClientRule.Permission permission = switch (text(rule, "permission", where)) {
            case "allow" -> ClientRule.Permission.ALLOW;
            case "deny" -> ClientRule.Permission.DENY;
            default -> throw new CarriedRuleException(where + ": permission must be \"allow\" or \"deny\", found " + rule.get("permission"));
        };
        ClientRule.Action action = action(text(rule, "action", where), where);
        String written = text(rule, "topic", where);
        Set<Integer> qos = qos(rule.get("qos"), where);
        Boolean retain = null;
        JsonNode retainNode = rule.get("retain");
        if (retainNode != null && !retainNode.isNull()) {
            if (!retainNode.isBoolean()) {
                throw new CarriedRuleException(where + ": retain must be true or false, found " + retainNode);
            }
            retain = retainNode.booleanValue();
        }
        boolean exact = written.startsWith("eq ");
        String topic = topic(exact ? written.substring(3) : written, exact, where);
        return new ClientRule(permission, action, topic, exact, qos, retain);
    }

    private static List<ClientRule> oldFormat(JsonNode acl) throws CarriedRuleException {
        List<ClientRule> rules = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : acl.properties()) {
            ClientRule.Action action = switch (field.getKey()) {
                case "pub" -> ClientRule.Action.PUBLISH;
                case "sub" -> ClientRule.Action.SUBSCRIBE;
                case "all" -> ClientRule.Action.ALL;
                default -> {
                    String suggestion = Suggestions.closest(field.getKey(), OLD_KEYS);
                    throw new CarriedRuleException("acl: unknown key '" + field.getKey() + "' (the keys are pub, sub and all"
                            + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "") + ")");
                }
            };
            JsonNode topics = field.getValue();
            if (!topics.isArray()) {
                throw new CarriedRuleException("acl." + field.getKey() + " must be a list of topics, found " + topics);
            }
            for (JsonNode written : topics) {
                String where = "rule #" + (rules.size() + 1) + " (" + field.getKey() + ")";
                if (!written.isTextual()) {
                    throw new CarriedRuleException(where + ": a topic must be a string, found " + written);
                }
                String text = written.textValue();
                boolean exact = text.startsWith("eq ");
                rules.add(new ClientRule(ClientRule.Permission.ALLOW, action, topic(exact ? text.substring(3) : text, exact, where),
                        exact, ClientRule.ALL_QOS, null));
            }
        }
        return List.copyOf(rules);
    }

    private static String text(JsonNode rule, String field, String where) throws CarriedRuleException {
        JsonNode value = rule.get(field);
        if (value == null || value.isNull()) {
            throw new CarriedRuleException(where + ": missing \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new CarriedRuleException(where + ": " + field + " must be a string, found " + value);
        }
        return value.textValue();
    }

    private static ClientRule.Action action(String text, String where) throws CarriedRuleException {
        return switch (text) {
            case "publish" -> ClientRule.Action.PUBLISH;
            case "subscribe" -> ClientRule.Action.SUBSCRIBE;
            case "all" -> ClientRule.Action.ALL;
            default -> throw new CarriedRuleException(where + ": action must be \"publish\", \"subscribe\" or \"all\", found \"" + text + "\"");
        };
    }

    private static Set<Integer> qos(JsonNode node, String where) throws CarriedRuleException {
        if (node == null || node.isNull()) {
            return ClientRule.ALL_QOS;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        Set<Integer> qos = new HashSet<>();
        for (JsonNode item : items) {
            // Any integral JSON number: a JWT library hands claims over as longs.
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 0 || item.intValue() > 2) {
                throw new CarriedRuleException(where + ": qos must be a list of 0, 1 and 2, found " + node);
            }
            qos.add(item.intValue());
        }
        if (qos.isEmpty()) {
            throw new CarriedRuleException(where + ": qos is an empty list, so the rule could never apply");
        }
        return qos;
    }

    private static String topic(String written, boolean exact, String where) throws CarriedRuleException {
        String topic = written;
        if (!exact) {
            for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
                topic = topic.replace(p.getKey(), p.getValue());
            }
        }
        String problem = CarriedTopics.problem(topic, exact);
        if (problem != null) {
            throw new CarriedRuleException(where + ": topic \"" + written + "\": " + problem);
        }
        return topic;
    }
}
