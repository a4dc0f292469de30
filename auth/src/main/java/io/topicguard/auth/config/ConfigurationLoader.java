package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a broker configuration file (YAML) into a {@link Configuration}, checking it as strictly
 * as a policy: an unknown key (with a did-you-mean hint), a value of the wrong type, a file it
 * names that does not exist, a bad duration or port, an unset {@code ${env:NAME}} — every problem
 * is found in one pass and reported together, each at its {@code FILE:LINE:COL}. There is no
 * partial result: either the whole file is usable or {@link ConfigException} lists what is not.
 *
 * <pre>{@code
 * try {
 *     Configuration config = ConfigurationLoader.load(Path.of("topicguard.yaml"));
 * } catch (ConfigException e) {
 *     e.problems().forEach(System.err::println);   // topicguard.yaml:4:5: error: ...
 * }
 * }</pre>
 *
 * Relative paths in the file are resolved against the file's directory. Stateless and thread-safe.
 */
public final class ConfigurationLoader {

    private ConfigurationLoader() {
    }

    /** Reads {@code file}, taking {@code ${env:NAME}} from the process environment. */
    public static Configuration load(Path file) throws ConfigException {
        return load(file, System::getenv);
    }

    /**
     * Reads {@code file}, taking {@code ${env:NAME}} from {@code environment} (null for an unset
     * variable).
     */
    public static Configuration load(Path file, Function<String, @Nullable String> environment) throws ConfigException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(environment, "environment");
        Problems problems = new Problems(file.toString());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(1, 1, "configuration file not found");
            problems.throwIfAny();
            throw new AssertionError();
        } catch (MalformedInputException e) {
            problems.add(1, 1, "not UTF-8 text");
            problems.throwIfAny();
            throw new AssertionError();
        } catch (IOException e) {
            problems.add(1, 1, "cannot read the configuration file: " + e);
            problems.throwIfAny();
            throw new AssertionError();
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path baseDir = absolute.getParent();
        YamlNode root = new LocatedYaml(problems).read(text);
        if (root == null) {
            // Not YAML at all (or empty): nothing below can be checked.
            problems.throwIfAny();
        }
        Configuration config = new ConfigurationReader(new Values(problems, environment, baseDir), absolute).read(root);
        problems.throwIfAny();
        return config;
    }
}
