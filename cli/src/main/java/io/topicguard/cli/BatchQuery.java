package io.topicguard.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.engine.ClientInfo;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one query line of {@code check --batch} (docs/cli.md):
 * <pre>{"username":"u","clientid":"c","ip":"10.0.0.1","cn":null,"listener":null,
 *  "action":"publish","topic":"a/b","qos":0,"retain":false}</pre>
 * Absent and null fields are absent attributes; {@code clientid} defaults to {@code ""},
 * {@code qos} to 0 and {@code retain} to false. Anything else that is not exactly right is
 * refused with a message, so a typo never silently turns into a different question.
 */
final class BatchQuery {

    private static final Set<String> FIELDS = Set.of("username", "clientid", "ip", "cn", "listener", "action", "topic", "qos", "retain");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private BatchQuery() {
    }

    /** A line that is not a valid query; the message says what is wrong in words. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static CheckQuestion parse(String line) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new Malformed("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("expected a JSON object, one query per line");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Malformed("unknown field \"" + name + "\" (expected username, clientid, ip, cn, listener, action, topic, qos, retain)");
            }
        }

        CheckQuestion.Kind kind = kind(string(root, "action"));
        String topic = string(root, "topic");
        int qos = qos(root);
        boolean retain = bool(root, "retain");
        if (kind == CheckQuestion.Kind.CONNECT && topic != null) {
            throw new Malformed("\"topic\" is not used by action \"connect\"");
        }
        if (kind != CheckQuestion.Kind.CONNECT && topic == null) {
            throw new Malformed("missing \"topic\" for action \"" + kind.word() + "\"");
        }
        if (kind != CheckQuestion.Kind.PUBLISH && retain) {
            throw new Malformed("\"retain\": true applies only to action \"publish\"");
        }

        String clientId = string(root, "clientid");
        String ip = string(root, "ip");
        ClientInfo client = ClientInfo.builder(clientId == null ? "" : clientId)
                .username(string(root, "username"))
                .address(ip == null ? null : address(ip))
                .commonName(string(root, "cn"))
                .listener(string(root, "listener"))
                .build();
        return new CheckQuestion(client, kind, topic, qos, retain);
    }

    private static CheckQuestion.Kind kind(String action) throws Malformed {
        if (action == null) {
            throw new Malformed("missing \"action\" (connect, publish or subscribe)");
        }
        return switch (action) {
            case "connect" -> CheckQuestion.Kind.CONNECT;
            case "publish" -> CheckQuestion.Kind.PUBLISH;
            case "subscribe" -> CheckQuestion.Kind.SUBSCRIBE;
            default -> throw new Malformed("unknown action \"" + action + "\" (expected connect, publish or subscribe)");
        };
    }

    private static String string(JsonNode root, String field) throws Malformed {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Malformed("\"" + field + "\" must be a string or null, got " + describe(node));
        }
        return node.textValue();
    }

    private static int qos(JsonNode root) throws Malformed {
        JsonNode node = root.get("qos");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 2) {
            throw new Malformed("\"qos\" must be 0, 1 or 2, got " + node);
        }
        return node.intValue();
    }

    private static boolean bool(JsonNode root, String field) throws Malformed {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new Malformed("\"" + field + "\" must be true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    private static java.net.InetAddress address(String ip) throws Malformed {
        try {
            return IpLiteral.parse(ip);
        } catch (IllegalArgumentException e) {
            throw new Malformed("\"ip\" is " + e.getMessage());
        }
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }
}
