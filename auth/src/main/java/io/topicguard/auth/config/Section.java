package io.topicguard.auth.config;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A map of the configuration whose keys are known: unknown keys are reported once (with a
 * did-you-mean hint) when the section is opened, and each key is then read by name.
 */
final class Section {

    private final YamlNode.MapNode map;
    private final String name;
    private final Values values;
    private final Map<String, YamlNode> byName = new LinkedHashMap<>();
    private final Map<String, YamlNode.Key> keys = new LinkedHashMap<>();

    private Section(YamlNode.MapNode map, String name, Values values, Collection<String> allowed) {
        this.map = map;
        this.name = name;
        this.values = values;
        for (Map.Entry<YamlNode.Key, YamlNode> e : map.entries().entrySet()) {
            String key = e.getKey().name();
            if (allowed.contains(key)) {
                byName.put(key, e.getValue());
                keys.put(key, e.getKey());
            } else {
                values.problems().add(e.getKey(), "unknown key '" + key + "' in " + name
                        + Values.hint(key, allowed, "; the keys are " + String.join(", ", allowed)));
            }
        }
    }

    /** The section, or null (reported) when {@code node} is not a map. */
    static Section open(YamlNode node, String name, Values values, List<String> allowed) {
        if (!(node instanceof YamlNode.MapNode m)) {
            values.problems().add(node, name + " must be a map, found " + node.describe());
            return null;
        }
        return new Section(m, name, values, allowed);
    }

    YamlNode.MapNode node() {
        return map;
    }

    String name() {
        return name;
    }

    Values values() {
        return values;
    }

    boolean has(String key) {
        return byName.containsKey(key);
    }

    /** The value of {@code key}, or null when absent. */
    YamlNode get(String key) {
        return byName.get(key);
    }

    /** The value of a key that must be there; null (reported at the section) when it is not. */
    YamlNode require(String key) {
        YamlNode node = byName.get(key);
        if (node == null) {
            values.problems().add(map, name + " needs '" + key + "'");
        }
        return node;
    }

    YamlNode.Key key(String key) {
        return keys.get(key);
    }

    String text(String key, String fallback) {
        YamlNode node = get(key);
        return node == null ? fallback : values.nonEmptyText(node, "'" + key + "'");
    }

    Boolean bool(String key, boolean fallback) {
        YamlNode node = get(key);
        return node == null ? Boolean.valueOf(fallback) : values.bool(node, "'" + key + "'");
    }

    Integer port(String key, Integer fallback) {
        YamlNode node = get(key);
        return node == null ? fallback : values.port(node, "port");
    }

    java.time.Duration duration(String key, java.time.Duration fallback, boolean zeroAllowed) {
        YamlNode node = get(key);
        return node == null ? fallback : values.duration(node, "'" + key + "'", zeroAllowed);
    }

    /** A map of strings to strings (headers, body, claims); null (reported) when it is something else. */
    Map<String, String> textMap(String key, Map<String, String> fallback) {
        YamlNode node = get(key);
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof YamlNode.MapNode m)) {
            values.problems().add(node, "'" + key + "' must be a map of names to strings, found " + node.describe());
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<YamlNode.Key, YamlNode> e : m.entries().entrySet()) {
            String value = values.text(e.getValue(), "'" + key + "." + e.getKey().name() + "'");
            ok &= value != null;
            out.put(e.getKey().name(), value);
        }
        return ok ? out : null;
    }

    /** Reports {@code message} at this section when more than one of {@code keys} is present, or none is. */
    String exactlyOneOf(List<String> choices) {
        Set<String> present = new HashSet<>(choices);
        present.retainAll(byName.keySet());
        if (present.size() == 1) {
            return present.iterator().next();
        }
        values.problems().add(map, name + " needs exactly one of " + String.join(", ", choices)
                + (present.isEmpty() ? "" : "; found " + String.join(" and ", choices.stream().filter(present::contains).toList())));
        return null;
    }
}
