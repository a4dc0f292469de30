package io.topicguard.broker.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: the denial line escaped C0 controls but let NEL (U+0085) and the Unicode line
 * and paragraph separators (U+2028, U+2029) through raw, which several log viewers and shippers
 * treat as line breaks — a hostile client id could still start a forged second line there.
 */
class DenialLogLineBreakTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u0085", "\u2028", "\u2029", "\u009b"})
    void unicodeLineBreaksInClientChosenValuesAreEscaped(String separator) {
        String quoted = DenialLog.quote("x" + separator + "deny action=publish");
        assertThat(quoted).doesNotContain(separator)
                .isEqualTo("\"x" + String.format("\\u%04x", (int) separator.charAt(0)) + "deny action=publish\"");
    }
}
