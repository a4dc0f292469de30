package io.topicguard.hivemq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.config.ConfigException;
import io.topicguard.auth.config.ConfigProblem;
import io.topicguard.auth.config.Configuration;
import io.topicguard.auth.config.ConfigurationLoader;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The extension's {@code topicguard.yaml}, read with the broker's configuration loader (the same
 * keys, checked as strictly) and everything it names loaded: the policy and the authenticators.
 * Inside HiveMQ only {@code policy}, {@code authentication} and {@code metrics} mean something;
 * HiveMQ owns listeners, persistence and HTTP, so those keys are reported and ignored.
 *
 * @param ignoredKeys top-level keys present in the file that the extension does not use
 */
record ExtensionSettings(Configuration configuration, PolicySource source, Policy policy, List<Authenticator> authenticators, List<String> ignoredKeys) {

    static final String FILE_NAME = "topicguard.yaml";

    /** Keys of the configuration file that HiveMQ's own configuration covers. */
    private static final List<String> HIVEMQ_OWNS = List.of("listeners", "persistence", "http");

    /** The file could not be used; {@link #problems()} are located lines ({@code FILE:LINE:COL: error: ...}). */
    static final class Invalid extends Exception {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    static ExtensionSettings load(Path file) throws Invalid {
        Configuration configuration;
        try {
            configuration = ConfigurationLoader.load(file);
        } catch (ConfigException e) {
            throw new Invalid(e.problems().stream().map(ConfigProblem::toString).toList());
        }
        if (configuration.policy() == null) {
            throw new Invalid(List.of(file + ":1:1: error: the extension needs a policy: add 'policy: policy.acl'"));
        }
        PolicySource source = new PolicySource(configuration.policy().file(), PolicyFormat.valueOf(configuration.policy().format().name()));
        Policy policy;
        try {
            policy = source.load();
        } catch (PolicyLoadException e) {
            throw new Invalid(e.diagnostics().stream().map(Diagnostic::format).toList());
        }
        List<Authenticator> authenticators;
        try {
            authenticators = Authenticators.create(configuration.authentication(), Clock.systemUTC());
        } catch (AuthenticatorSetupException e) {
            throw new Invalid(List.of(file + ": error: " + e.getMessage()));
        }
        return new ExtensionSettings(configuration, source, policy, authenticators, ignoredKeys(file));
    }

    /** The top-level keys HiveMQ owns that the file sets (the loader has already checked the file is valid YAML). */
    private static List<String> ignoredKeys(Path file) {
        List<String> present = new ArrayList<>();
        try {
            JsonNode root = new YAMLMapper().readTree(file.toFile());
            if (root != null && root.isObject()) {
                for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (HIVEMQ_OWNS.contains(name)) {
                        present.add(name);
                    }
                }
            }
        } catch (IOException e) {
            // Read a moment ago by the loader; if it vanished since, there is nothing to warn about.
        }
        return present;
    }
}
