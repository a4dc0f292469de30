package io.topicguard.cli;

import io.topicguard.dsl.PolicyFormat;
import picocli.CommandLine;

/** Reads {@code native}, {@code mosquitto} or {@code emqx} from the command line, with the choices in the error. */
final class PolicyFormatConverter implements CommandLine.ITypeConverter<PolicyFormat> {

    @Override
    public PolicyFormat convert(String value) {
        try {
            return PolicyFormat.fromName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
