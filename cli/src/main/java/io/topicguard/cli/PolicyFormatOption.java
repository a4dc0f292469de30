package io.topicguard.cli;

import io.topicguard.dsl.PolicyFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --policy-format native|mosquitto|emqx}, mixed into {@code serve}, {@code check} and
 * {@code lint} (issue 6). Without it the file name decides ({@link PolicyFormat#forFile(Path)}:
 * {@code *.conf} is EMQX, {@code acl_file}/{@code *.aclfile}/a name containing "mosquitto" is
 * mosquitto, anything else native).
 */
public final class PolicyFormatOption {

    @Option(names = "--policy-format", paramLabel = "FORMAT", converter = PolicyFormatConverter.class,
            description = "The format of the policy file: native, mosquitto (acl_file) or emqx (acl.conf). "
                    + "Default: chosen from the file name; see docs/migration.md.")
    PolicyFormat format;

    /** The format to read {@code file} in: the option when given, otherwise by the file's name. */
    PolicyFormat resolve(Path file) {
        return format != null ? format : PolicyFormat.forFile(file);
    }
}
