package io.topicguard.cli;

import picocli.CommandLine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads an output format option ({@code --format text|json|...}): the lower-case name of one of an enum's constants. */
final class FormatWords {

    private FormatWords() {
    }

    static <E extends Enum<E>> E parse(Class<E> formats, String value) {
        List<String> words = Arrays.stream(formats.getEnumConstants()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
        int index = words.indexOf(value);
        if (index < 0) {
            String choices = String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
            throw new CommandLine.TypeConversionException("unknown format '" + value + "'; expected " + choices);
        }
        return formats.getEnumConstants()[index];
    }
}
