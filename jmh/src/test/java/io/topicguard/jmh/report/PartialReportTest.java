package io.topicguard.jmh.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PartialReportTest {

    private static final String PREVIOUS = """
            # Benchmarks

            Written by `jmh/run-benchmarks.sh` (profile **short**, 3573 s) at 2026-11-30T06:41:16Z. Old preamble.

            ## Machine

            old machine

            ## Publish check (docs/semantics.md, Publish)

            old publish table

            ## Broker load (topicguard serve and mosquitto)

            _Kept from the run of 2026-11-01: its steps were not run again since._

            old load table

            ## Round 2, engine: hand-measured

            written by hand
            """;

    private static final String FRESH = """
            # Benchmarks

            Written by `jmh/run-benchmarks.sh` (profile **short**, 60 s) at 2026-12-07T22:00:00Z. New preamble.

            ## Machine

            new machine

            ## Publish check (docs/semantics.md, Publish)

            Not measured in this run.

            ## Broker load (topicguard serve and mosquitto)

            Not measured in this run.

            ## Broker connect storm (issue 20 item 5, issue 17)

            new storm table
            """;

    @Test
    void keepsTheSectionsOfStepsNotRunDatedAndPutsTheNewOnesAfterTheLastGeneratedSection() {
        String merged = PartialReport.merge(PREVIOUS, FRESH, Set.of("connect"));

        assertThat(merged).contains("New preamble.\n\nThis run (steps: connect) rewrote the sections of those steps")
                .contains("new machine").doesNotContain("old machine")
                .contains("## Publish check (docs/semantics.md, Publish)\n\n_Kept from the run of 2026-11-30: its steps "
                        + "were not run again since._\n\nold publish table")
                .doesNotContain("Not measured in this run.")
                .contains("new storm table").contains("written by hand");
        // A section kept before keeps the date of the run that wrote it, not the previous file's.
        assertThat(merged).contains("_Kept from the run of 2026-11-01").doesNotContain("2026-11-30: its steps were not run "
                + "again since._\n\n_Kept");
        assertThat(headings(merged)).containsExactly("Machine", "Publish check (docs/semantics.md, Publish)",
                "Broker load (topicguard serve and mosquitto)", "Broker connect storm (issue 20 item 5, issue 17)",
                "Round 2, engine: hand-measured");
    }

    @Test
    void aStepThatRanReplacesItsSectionAndAFullRunKeepsOnlyTheHandWrittenOnes() {
        assertThat(PartialReport.merge(PREVIOUS, FRESH, Set.of("publish"))).contains("## Publish check (docs/semantics.md, "
                + "Publish)\n\nNot measured in this run.").contains("old load table");

        String full = PartialReport.merge(PREVIOUS, FRESH, null);
        assertThat(full).doesNotContain("This run (steps").doesNotContain("old publish table").doesNotContain("old load table")
                .doesNotContain("_Kept").contains("written by hand");
    }

    @Test
    void aNewSectionGoesRightAfterTheSectionItFollowsInTheFreshReport() {
        String fresh = FRESH.replace("## Publish check", "## Targets (issue 20, engine)\n\nnew engine targets\n\n## Publish check");
        String full = PartialReport.merge(PREVIOUS, fresh, null);
        assertThat(headings(full)).containsExactly("Machine", "Targets (issue 20, engine)",
                "Publish check (docs/semantics.md, Publish)", "Broker load (topicguard serve and mosquitto)",
                "Broker connect storm (issue 20 item 5, issue 17)", "Round 2, engine: hand-measured");
        assertThat(PartialReport.owners("Targets (issue 20, engine)")).contains("bind", "footprint", "cache");
    }

    @Test
    void namesTheStepsOfEachSectionAndNoneForSectionsWrittenByHand() {
        assertThat(PartialReport.owners("Parse + compile of a policy")).containsExactly("parse");
        assertThat(PartialReport.owners("Parse + compile of 1,000,000 rules, once")).containsExactly("footprint");
        assertThat(PartialReport.owners("Broker fan-out through PARTIAL subscriptions (issue 20 item 7)")).containsExactly("fanout");
        assertThat(PartialReport.owners("Machine")).isEmpty();
        assertThat(PartialReport.owners("HiveMQ CE with the topicguard extension (issue 18)")).containsExactly("hivemq");
        assertThat(PartialReport.owners("Round 2, engine (issue 20 items 1–4): hand-measured, not generated")).isNull();
    }

    private static List<String> headings(String report) {
        return PartialReport.sections(report).stream().skip(1).map(s -> s[0]).toList();
    }
}
