package io.topicguard.dsl.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    private static final List<String> PLACEHOLDERS = List.of("username", "clientid", "cn");

    @Test
    void prefixesAndSmallTyposFindTheirWord() {
        assertThat(Suggestions.closest("user", PLACEHOLDERS)).isEqualTo("username");
        assertThat(Suggestions.closest("client", PLACEHOLDERS)).isEqualTo("clientid");
        assertThat(Suggestions.closest("usernmae", PLACEHOLDERS)).isEqualTo("username");
        assertThat(Suggestions.closest("clientId", PLACEHOLDERS)).isEqualTo("clientid");
        assertThat(Suggestions.closest("cm", PLACEHOLDERS)).isEqualTo("cn");
    }

    @Test
    void unrelatedWordsFindNothing() {
        assertThat(Suggestions.closest("topic", PLACEHOLDERS)).isNull();
        assertThat(Suggestions.closest("x".repeat(100), PLACEHOLDERS)).isNull();
    }
}
