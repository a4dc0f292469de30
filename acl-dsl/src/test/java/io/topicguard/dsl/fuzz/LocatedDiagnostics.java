package io.topicguard.dsl.fuzz;

import io.topicguard.dsl.Diagnostic;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/semantics.md, What the tests hold: every problem in a file is reported at a place that
 * exists in that file. The fuzz targets hold each diagnostic a reader returns to this.
 */
final class LocatedDiagnostics {

    private LocatedDiagnostics() {
    }

    /**
     * Asserts each diagnostic names {@code file}, a line of {@code text} and a column at most one
     * past that line's end, has a message, formats without throwing, and is no bug report.
     */
    static void assertLocated(List<Diagnostic> diagnostics, String file, String text) {
        // Readers count lines by '\n' (a '\r' before it belongs to the line); a lone '\r' only
        // makes lines longer, so these bounds hold whichever the reader chose.
        String[] lines = text.split("\n", -1);
        for (Diagnostic d : diagnostics) {
            String shown = d.format();
            assertThat(d.position().file()).as(shown).isEqualTo(file);
            assertThat(d.position().line()).as(shown).isBetween(1, lines.length);
            assertThat(d.position().column()).as(shown).isBetween(1, lines[d.position().line() - 1].length() + 1);
            assertThat(d.message()).as(shown).isNotBlank().doesNotContain("internal error");
            assertThat(shown).startsWith(d.position() + ": " + d.severity().label() + ": ");
        }
    }
}
