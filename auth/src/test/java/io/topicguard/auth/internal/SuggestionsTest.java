package io.topicguard.auth.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("policy", "listeners", "bind", "port", "leeway", "require-exp");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "polcy, policy",          // a letter left out
            "bnid, bind",             // two letters swapped: one slip, not two
            "prot, port",
            "leway, leeway",
            "listener, listeners",    // a prefix
            "require-epx, require-exp",
            "bond, bind",
            "pot, port",
            "xyz, none",              // nothing close
            "b, none",
            "listen-address, none",
    })
    void suggestsTheKeyMeantOrNothing(String typed, String expected) {
        assertThat(Suggestions.closest(typed, KEYS)).isEqualTo(expected);
    }
}
