package io.topicguard.cli;

import io.topicguard.dsl.PolicyFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --policy FILE} and {@code --policy-format native|mosquitto|emqx} (issue 6), mixed into
 * {@code serve}, {@code check} and {@code lint}. Without {@code --policy-format} the file name
 * decides ({@link PolicyFormat#forFile(Path)}: {@code *.conf} is EMQX,
 * {@code acl_file}/{@code *.aclfile}/a name containing "mosquitto" is mosquitto, anything else native).
 */
final class PolicyOptions {

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy file (.acl).")
    Path file;

    @Option(names = "--policy-format", paramLabel = "FORMAT", converter = PolicyFormatConverter.class,
            description = "The format of the policy file: native, mosquitto (acl_file) or emqx (acl.conf). "
                    + "Default: chosen from the file name; see docs/migration.md.")
    PolicyFormat format;

    Path file() {
        return file;
    }

    /** The format to read the file in: {@code --policy-format} when given, otherwise by the file's name. */
    PolicyFormat format() {
        return format != null ? format : PolicyFormat.forFile(file);
    }
}
