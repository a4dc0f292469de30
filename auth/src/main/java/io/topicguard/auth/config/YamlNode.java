package io.topicguard.auth.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line and column where it starts, so every check of the configuration can
 * point at what it complains about. Built by {@link LocatedYaml}; never leaves this package.
 */
sealed interface YamlNode {

    int line();

    int column();

    /** How a problem message names this kind of value: "a map", "a list", "the string 'x'". */
    String describe();

    /** A key of a map with its own position (the value's position is the value's). */
    record Key(String name, int line, int column) {
    }

    /** A map; keys in the order written. */
    record MapNode(Map<Key, YamlNode> entries, int line, int column) implements YamlNode {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record ListNode(List<YamlNode> items, int line, int column) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar. {@code kind} tells how YAML typed it: a quoted or plain string, an integer, a
     * decimal, a boolean or null; {@code text} is as written (null for null).
     */
    record Scalar(Kind kind, String text, int line, int column) implements YamlNode {
        enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string '" + clip(text) + "'";
                case INTEGER, DECIMAL -> "the number " + clip(text);
                case BOOLEAN -> text;
                case NULL -> "nothing (null)";
            };
        }

        private static String clip(String text) {
            return text.length() > 40 ? text.substring(0, 37) + "..." : text;
        }
    }
}
