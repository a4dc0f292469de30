package io.topicguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.auth.rules.CarriedRuleException;
import io.topicguard.auth.rules.CarriedRules;
import io.topicguard.engine.ClientRules;
import io.topicguard.engine.ClientRulesException;
import io.topicguard.engine.Policy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code check --client-rules JSON | --client-rules-file FILE [--client-rules-source NAME]}: the
 * rules the client's authentication carried, in EMQX's {@code acl} format, so an operator can see
 * {@code client rule #2 (jwt)} decide (docs/semantics.md, Client rules). A file is its own option
 * rather than {@code @FILE}, which picocli reads as an argument file.
 */
final class ClientRulesOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--client-rules", paramLabel = "JSON",
            description = "Rules the client's authentication carried, in EMQX's acl format: a JSON list of "
                    + "{\"permission\",\"action\",\"topic\",\"qos\",\"retain\"} (or the older {\"pub\":[...],\"sub\":[...]}); "
                    + "evaluated where the policy says 'client rules'.")
    String json;

    @Option(names = "--client-rules-file", paramLabel = "FILE", description = "As --client-rules, read from FILE.")
    Path file;

    @Option(names = "--client-rules-source", paramLabel = "NAME", defaultValue = "jwt",
            description = "The authenticator that carried them, as explanations name it: client rule #N (NAME). Default: jwt.")
    String source;

    boolean given() {
        return json != null || file != null;
    }

    /** The carried rules ({@link ClientRules#NONE} when none were given); a usage error when they cannot be used. */
    ClientRules rules() {
        if (json != null && file != null) {
            throw usage("give the carried rules once: --client-rules or --client-rules-file");
        }
        if (!given()) {
            return ClientRules.NONE;
        }
        String option = json != null ? "--client-rules" : "--client-rules-file";
        String text = json;
        if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw usage(option + ": cannot read " + file + ": " + e.getMessage());
            }
        }
        try {
            return ClientRules.of(source, CarriedRules.parse(JSON.readTree(text)));
        } catch (JsonProcessingException e) {
            throw usage(option + ": not JSON: " + e.getOriginalMessage());
        } catch (CarriedRuleException | ClientRulesException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    /** The explanation's note when rules were given to a policy that ignores them, else null. */
    String ignoredNote(Policy policy) {
        return given() && !policy.usesClientRules()
                ? "note: the policy has no 'client rules' statement, so the carried rules were ignored" : null;
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
