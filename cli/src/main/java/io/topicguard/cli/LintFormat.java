package io.topicguard.cli;

import picocli.CommandLine;

/** How {@code lint} reports: for people ({@code text}), or for machines ({@code json}, {@code sarif}). */
enum LintFormat {
    TEXT, JSON, SARIF;

    /** Reads {@code text}, {@code json} or {@code sarif}, with the choices in the error. */
    static final class Converter implements CommandLine.ITypeConverter<LintFormat> {
        @Override
        public LintFormat convert(String value) {
            return FormatWords.parse(LintFormat.class, value);
        }
    }
}
