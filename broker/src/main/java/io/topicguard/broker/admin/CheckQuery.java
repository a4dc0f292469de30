package io.topicguard.broker.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of {@code /clients/{clientid}/check}: {@code action=publish&topic=T[&qos=N][&retain=true|false]}
 * or {@code action=subscribe&filter=F[&qos=N]}. Topic and filter are passed to the engine as
 * given, so an invalid one is answered {@code deny (invalid)} like the broker would.
 */
record CheckQuery(String action, String topicOrFilter, int qos, boolean retain) {

    private static final Set<String> PUBLISH_PARAMS = Set.of("action", "topic", "qos", "retain");
    private static final Set<String> SUBSCRIBE_PARAMS = Set.of("action", "filter", "qos");

    static CheckQuery parse(Map<String, List<String>> params) throws BadQuery {
        String action = single(params, "action");
        if (action == null) {
            throw new BadQuery(400, "missing parameter 'action' (publish or subscribe)");
        }
        switch (action) {
            case "publish" -> {
                unknown(params, PUBLISH_PARAMS);
                String topic = required(params, "topic", "action=publish needs 'topic'");
                return new CheckQuery(action, topic, qos(params), retain(params));
            }
            case "subscribe" -> {
                unknown(params, SUBSCRIBE_PARAMS);
                String filter = required(params, "filter", "action=subscribe needs 'filter'");
                return new CheckQuery(action, filter, qos(params), false);
            }
            default -> throw new BadQuery(400, "unknown action '" + action + "': expected publish or subscribe");
        }
    }

    private static void unknown(Map<String, List<String>> params, Set<String> allowed) throws BadQuery {
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw new BadQuery(400, "unknown parameter '" + name + "' for this action; allowed: " + allowed.stream().sorted().toList());
            }
        }
    }

    private static String required(Map<String, List<String>> params, String name, String message) throws BadQuery {
        String value = single(params, name);
        if (value == null) {
            throw new BadQuery(400, message);
        }
        return value;
    }

    private static int qos(Map<String, List<String>> params) throws BadQuery {
        String value = single(params, "qos");
        if (value == null) {
            return 0;
        }
        return switch (value) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new BadQuery(400, "qos must be 0, 1 or 2, got '" + value + "'");
        };
    }

    private static boolean retain(Map<String, List<String>> params) throws BadQuery {
        String value = single(params, "retain");
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadQuery(400, "retain must be true or false, got '" + value + "'");
        };
    }

    private static String single(Map<String, List<String>> params, String name) throws BadQuery {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadQuery(400, "parameter '" + name + "' given " + values.size() + " times");
        }
        return values.get(0);
    }
}
