package io.topicguard.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code topicguard} entry point itself. */
class TopicguardCommandTest {

    @Test
    void noCommandIsAUsageError() {
        Cli.Run run = Cli.run();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("topicguard: name a command: serve, check, lint, test, diff, passwd or convert\n")
                .endsWith("Try 'topicguard --help' for more information.\n");
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Cli.Run run = Cli.run("chek");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard: Unmatched argument at index 0: 'chek'")
                .contains("check");
    }

    @Test
    void helpListsTheCommands() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("serve", "check", "lint", "passwd");
    }

    @Test
    void versionIsPrinted() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("topicguard 0.1.0\n");
    }
}
