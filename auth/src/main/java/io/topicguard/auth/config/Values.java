package io.topicguard.auth.config;

import io.topicguard.auth.internal.Suggestions;
import org.jspecify.annotations.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns located YAML values into typed settings, reporting what does not fit (and returning null)
 * instead of throwing, so one pass finds every problem. {@code ${env:NAME}} is replaced in every
 * string value here, before the value is typed, so {@code port: ${env:PORT}} works.
 */
final class Values {

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** What {@link #typedText} returns when the value's problem is reported already. */
    private static final String ALREADY_REPORTED = new String("(reported)");

    private final Problems problems;
    private final Function<String, @Nullable String> environment;
    private final Path baseDir;

    Values(Problems problems, Function<String, @Nullable String> environment, Path baseDir) {
        this.problems = problems;
        this.environment = environment;
        this.baseDir = baseDir;
    }

    Problems problems() {
        return problems;
    }

    /** A string (numbers are taken as written: {@code secret: 1234}), with {@code ${env:...}} replaced. */
    String text(YamlNode node, String what) {
        if (!(node instanceof YamlNode.Scalar s) || s.kind() == YamlNode.Scalar.Kind.NULL
                || s.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
            problems.add(node, what + " must be a string, found " + node.describe());
            return null;
        }
        return substitute(s);
    }

    /** A non-empty string. */
    String nonEmptyText(YamlNode node, String what) {
        String text = text(node, what);
        if (text != null && text.isBlank()) {
            problems.add(node, what + " must not be empty");
            return null;
        }
        return text;
    }

    Boolean bool(YamlNode node, String what) {
        String text = typedText(node, YamlNode.Scalar.Kind.BOOLEAN);
        if (text == ALREADY_REPORTED) {
            return null;
        }
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        problems.add(node, what + " must be true or false, found " + node.describe());
        return null;
    }

    Integer integer(YamlNode node, String what, int min, int max, String range) {
        String text = typedText(node, YamlNode.Scalar.Kind.INTEGER);
        if (text == ALREADY_REPORTED) {
            return null;
        }
        if (text == null || !text.matches("-?\\d{1,10}")) {
            problems.add(node, what + " must be a whole number, found " + node.describe());
            return null;
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            problems.add(node, "bad " + what + " " + value + ": " + range);
            return null;
        }
        return (int) value;
    }

    Integer port(YamlNode node, String what) {
        return integer(node, what, 0, 65535, "ports are 0 to 65535 (0 picks a free port)");
    }

    /** {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}; zero only when {@code zeroAllowed}. */
    Duration duration(YamlNode node, String what, boolean zeroAllowed) {
        String text = text(node, what);
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            problems.add(node, "bad duration '" + text + "' for " + what + ": write a number and a unit, e.g. 500ms, 2s, 5m or 1h");
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.isZero() && !zeroAllowed) {
            problems.add(node, what + " must be longer than 0");
            return null;
        }
        return d;
    }

    /** A path resolved against the configuration file's directory (it need not exist). */
    Path path(YamlNode node, String what) {
        String text = nonEmptyText(node, what);
        if (text == null) {
            return null;
        }
        try {
            return baseDir.resolve(text).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(node, what + " '" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    /** A path to a file that must exist and be readable now. */
    Path existingFile(YamlNode node, String what) {
        Path path = path(node, what);
        if (path == null) {
            return null;
        }
        if (!Files.isRegularFile(path)) {
            problems.add(node, what + " '" + ((YamlNode.Scalar) node).text() + "' not found"
                    + (Files.isDirectory(path) ? " (it is a directory)" : "") + ": looked for " + path);
            return null;
        }
        if (!Files.isReadable(path)) {
            problems.add(node, what + " '" + path + "' cannot be read (permissions)");
            return null;
        }
        return path;
    }

    /** One of {@code choices} (written in lower case), as the index into them. */
    String choice(YamlNode node, String what, List<String> choices) {
        String text = text(node, what);
        if (text == null) {
            return null;
        }
        if (choices.contains(text)) {
            return text;
        }
        problems.add(node, "unknown " + what + " '" + text + "'" + hint(text, choices, "; expected " + String.join(", ", choices)));
        return null;
    }

    /**
     * Checks that every {@code ${name}} in a template names one of {@code placeholders}
     * ({@code ${env:...}} is gone by now).
     */
    void checkPlaceholders(YamlNode node, String template, Collection<String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            if (!placeholders.contains(name)) {
                String suggestion = Suggestions.closest(name, placeholders);
                problems.add(node, "unknown placeholder '${" + name + "}'" + (suggestion != null
                        ? ": did you mean ${" + suggestion + "}?"
                        : "; the placeholders are ${" + String.join("}, ${", placeholders) + "}"));
            }
        }
    }

    /** "; did you mean 'x'?" or {@code otherwise}. */
    static String hint(String word, Collection<String> candidates, String otherwise) {
        String suggestion = Suggestions.closest(word, candidates);
        return suggestion != null ? ": did you mean '" + suggestion + "'?" : otherwise;
    }

    /**
     * The text of a scalar that may hold a value of {@code kind}: a scalar of that kind, or a
     * string that became one through {@code ${env:...}}. Null (with no problem reported) otherwise.
     */
    private String typedText(YamlNode node, YamlNode.Scalar.Kind kind) {
        if (!(node instanceof YamlNode.Scalar s)) {
            return null;
        }
        if (s.kind() == kind) {
            return s.text();
        }
        if (s.kind() == YamlNode.Scalar.Kind.STRING && s.text().contains("${env:")) {
            String text = substitute(s);
            // An unset variable is already reported: do not add "must be a number" on top.
            return text == null ? ALREADY_REPORTED : text.trim();
        }
        return null;
    }

    private String substitute(YamlNode.Scalar s) {
        String text = s.text();
        if (s.kind() != YamlNode.Scalar.Kind.STRING || !text.contains("${env:")) {
            return text;
        }
        Matcher m = ENV.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(1);
            String value = null;
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(s, "'${env:" + name + "}' does not name an environment variable (letters, digits and '_')");
                ok = false;
            } else if ((value = environment.apply(name)) == null) {
                problems.add(s, "environment variable " + name + " is not set");
                ok = false;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return ok ? out.toString() : null;
    }
}
