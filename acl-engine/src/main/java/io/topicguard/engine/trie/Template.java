package io.topicguard.engine.trie;

import io.topicguard.dsl.ast.Attribute;

import java.util.ArrayList;
import java.util.List;

/**
 * One topic level holding placeholders, e.g. {@code sensor-${clientid}}, kept as a shape in the
 * trie and compared with a topic level by substituting the client's values while walking, so one
 * shared trie serves every client and binding renders nothing.
 */
final class Template {

    private static final String[] NAMES = {"${username}", "${clientid}", "${cn}"};

    /** Literal text around the placeholders: {@code literals.length == attributes.length + 1}. */
    private final String[] literals;
    private final int[] attributes;
    private final String text;
    final Node child = new Node();

    private Template(String text, String[] literals, int[] attributes) {
        this.text = text;
        this.literals = literals;
        this.attributes = attributes;
    }

    /** The template for {@code level}, or null when it holds no placeholder. */
    static Template parse(String level) {
        List<String> literals = new ArrayList<>();
        List<Integer> attributes = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < level.length()) {
            int found = -1;
            if (level.startsWith("${", i)) {
                for (int a = 0; a < NAMES.length; a++) {
                    if (level.startsWith(NAMES[a], i)) {
                        found = a;
                        break;
                    }
                }
            }
            if (found < 0) {
                i++;
                continue;
            }
            literals.add(level.substring(literalStart, i));
            attributes.add(Attribute.values()[found].ordinal());
            i += NAMES[found].length();
            literalStart = i;
        }
        if (attributes.isEmpty()) {
            return null;
        }
        literals.add(level.substring(literalStart));
        return new Template(level, literals.toArray(String[]::new),
                attributes.stream().mapToInt(Integer::intValue).toArray());
    }

    String text() {
        return text;
    }

    /** Whether every placeholder renders (else the topic entry matches nothing). */
    boolean renders(PlaceholderValues values) {
        for (int attribute : attributes) {
            if (values.get(attribute) == null) {
                return false;
            }
        }
        return true;
    }

    /** Whether the rendering starts with {@code $} (it then matches only {@code $}-topics' first level). */
    boolean rendersDollar(PlaceholderValues values) {
        return literals[0].isEmpty() ? values.get(attributes[0]).charAt(0) == '$' : literals[0].charAt(0) == '$';
    }

    /** Whether the rendering equals {@code level}. */
    boolean matches(String level, PlaceholderValues values) {
        return matches(level, 0, level.length(), values);
    }

    /** Whether the rendering equals {@code topic[start, end)}, compared in place without building a string. */
    boolean matches(String topic, int start, int end, PlaceholderValues values) {
        int at = start;
        for (int i = 0; i < attributes.length; i++) {
            String literal = literals[i];
            if (end - at < literal.length() || !topic.startsWith(literal, at)) {
                return false;
            }
            at += literal.length();
            String value = values.get(attributes[i]);
            if (value == null || end - at < value.length() || !topic.startsWith(value, at)) {
                return false;
            }
            at += value.length();
        }
        String last = literals[literals.length - 1];
        return end - at == last.length() && topic.startsWith(last, at);
    }
}
