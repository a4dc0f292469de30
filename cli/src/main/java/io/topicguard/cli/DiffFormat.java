package io.topicguard.cli;

import picocli.CommandLine;

/** How {@code diff} reports: a table for people ({@code text}) or one JSON document ({@code json}). */
enum DiffFormat {
    TEXT, JSON;

    /** Reads {@code text} or {@code json}, with the choices in the error. */
    static final class Converter implements CommandLine.ITypeConverter<DiffFormat> {
        @Override
        public DiffFormat convert(String value) {
            return FormatWords.parse(DiffFormat.class, value);
        }
    }
}
