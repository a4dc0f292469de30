package io.topicguard.cli;

import io.topicguard.dsl.PolicyFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where {@code serve} and {@code check} get the policy from: {@code --policy FILE}
 * ({@code --policy-format} as for every command, see {@link PolicyOptions}), or the
 * {@code policy:} key of {@code --config FILE} (docs/configuration.md). Given both, the command
 * line wins. Neither is required by picocli, so the commands say which one is missing.
 */
final class PolicyOrConfigOptions {

    @Option(names = "--policy", paramLabel = "FILE", description = "The policy file (.acl); overrides policy: of --config.")
    Path file;

    @Option(names = "--policy-format", paramLabel = "FORMAT", converter = PolicyFormatConverter.class,
            description = "The format of the policy file: native, mosquitto (acl_file) or emqx (acl.conf). "
                    + "Default: chosen from the file name; see docs/migration.md.")
    PolicyFormat format;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The broker's configuration file (YAML, docs/configuration.md); options given here win over its keys.")
    Path config;

    /** The usage error when there is neither a policy nor a configuration file to take one from. */
    static final String MISSING = "Missing required option: '--policy=FILE' (or --config FILE with a policy: key)";
}
