package io.topicguard.auth.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

    @Test
    void capsAndEscapesClientChosenValues() {
        assertThat(LogText.quote("a\"b\n")).isEqualTo("\"a\\\"b\\u000a\"");
        assertThat(LogText.quote(null)).isEqualTo("-");
        String quoted = LogText.quote("é".repeat(300));
        assertThat(quoted).isEqualTo("\"" + "é".repeat(256) + "\"…(+88 bytes)");
    }

    @Test
    void escapesEveryLineBreakingCharacter() {
        assertThat(LogText.quote("a\u0085b\u2028c\u2029d\u007fe\\")).isEqualTo("\"a\\u0085b\\u2028c\\u2029d\\u007fe\\\\\"");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String value = "x".repeat(255) + "😀" + "y";
        assertThat(LogText.quote(value)).isEqualTo("\"" + "x".repeat(255) + "\"…(+5 bytes)");
        assertThat(LogText.capCounted(value, 256)).isEqualTo("x".repeat(255) + "…(258 chars)");
    }

    @Test
    void theCountedCapSaysTheWholeLengthInsideTheQuotes() {
        assertThat(LogText.quoteCounted("u".repeat(1000))).isEqualTo("\"" + "u".repeat(256) + "…(1000 chars)\"");
        assertThat(LogText.quoteCounted("evil\ndeny")).isEqualTo("\"evil\\u000adeny\"");
        assertThat(LogText.capCounted("short", 256)).isEqualTo("short");
    }

    @Test
    void aLineIsCutToItsLengthWithAnEllipsis() {
        assertThat(LogText.cut("x".repeat(300), 256)).hasSize(256).endsWith("x…");
        assertThat(LogText.cut("short", 256)).isEqualTo("short");
    }

    @Test
    void appendQuotedEscapesWithoutACap() {
        StringBuilder out = new StringBuilder("client=");
        LogText.appendQuoted(out, "c\n" + "x".repeat(300));
        assertThat(out).hasToString("client=\"c\\u000a" + "x".repeat(300) + "\"");
    }
}
