package io.topicguard.auth.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into {@link YamlNode}s that remember where each key and value starts. Jackson's
 * tree model drops locations, so this walks the YAML parser's tokens itself and asks for each
 * token's location as it goes.
 */
final class LocatedYaml {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final Problems problems;

    LocatedYaml(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or null after reporting a syntax error (or an empty document). */
    YamlNode read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            return value(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? 1 : Math.max(1, at.getLineNr()), at == null ? 1 : Math.max(1, at.getColumnNr()),
                    "not valid YAML: " + firstLine(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(1, 1, "cannot read: " + e.getMessage());
            return null;
        }
    }

    private YamlNode value(JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<YamlNode.Key, YamlNode> entries = new LinkedHashMap<>();
                Map<String, YamlNode.Key> seen = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation keyAt = parser.currentTokenLocation();
                    YamlNode.Key key = new YamlNode.Key(parser.currentName(), keyAt.getLineNr(), keyAt.getColumnNr());
                    parser.nextToken();
                    YamlNode value = value(parser);
                    YamlNode.Key earlier = seen.putIfAbsent(key.name(), key);
                    if (earlier != null) {
                        problems.add(key.line(), key.column(), "'" + key.name() + "' is given twice (first on line " + earlier.line() + ")");
                    } else {
                        entries.put(key, value);
                    }
                }
                return new YamlNode.MapNode(entries, line, column);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                return new YamlNode.ListNode(items, line, column);
            }
            case VALUE_STRING:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.STRING, parser.getText(), line, column);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.INTEGER, parser.getText(), line, column);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.DECIMAL, parser.getText(), line, column);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.BOOLEAN, parser.getText(), line, column);
            case VALUE_NULL:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.NULL, null, line, column);
            default:
                // Binary or embedded objects (e.g. a !!binary tag): not something a setting holds.
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.STRING, parser.getText(), line, column);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
