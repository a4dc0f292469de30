package io.topicguard.cli;

import picocli.CommandLine;

import java.util.Locale;

/** How {@code lint} reports: for people ({@code text}), or for machines ({@code json}, {@code sarif}). */
enum LintFormat {
    TEXT, JSON, SARIF;

    /** Reads {@code text}, {@code json} or {@code sarif}, with the choices in the error. */
    static final class Converter implements CommandLine.ITypeConverter<LintFormat> {
        @Override
        public LintFormat convert(String value) {
            for (LintFormat format : values()) {
                if (format.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("unknown format '" + value + "'; expected text, json or sarif");
        }
    }
}
