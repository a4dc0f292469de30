package io.topicguard.hivemq;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The denial line: the deciding line first, client values quoted and escaped, cut at 256 characters, rate-limited. */
class DenialsTest {

    private static final ClientInfo CLIENT = ClientInfo.builder("c\n1").username("al\"ice")
            .address(InetAddress.getLoopbackAddress()).listener("tcp").build();

    @Test
    void aLineNamesTheDecidingLineBeforeWhatTheClientChoseAndEscapesIt() throws Exception {
        Decision denied = Policy.fromString("p.acl", "default deny\n").bind(CLIENT).publish("a/b", 0, false);
        assertThat(Denials.line(CLIENT, "publish", "a/\u2028b", denied.reason().word(), denied.sourceLine()))
                .isEqualTo("deny publish reason=default source=p.acl:1 address=127.0.0.1 listener=tcp client=\"c\\u000a1\" username=\"al\\\"ice\" topic=\"a/\\u2028b\"");
    }

    @Test
    void aLongTopicIsCutAndTheDecidingLineKept() {
        String line = Denials.line(CLIENT, "publish", "x".repeat(1000), "rule", "policy.acl:12");
        assertThat(line).hasSize(Denials.MAX_LINE).contains("source=policy.acl:12").endsWith("…");
    }

    @Test
    void atMostFiftyLinesASecondAreWrittenAndTheRestCounted() throws Exception {
        AtomicLong now = new AtomicLong();
        Denials denials = new Denials(now::get);
        Decision denied = Policy.fromString("p.acl", "default deny\n").bind(CLIENT).publish("a", 0, false);
        try (LogLines lines = new LogLines()) {
            for (int i = 0; i < 80; i++) {
                denials.denied(CLIENT, "publish", "a", denied);
            }
            assertThat(lines.lines()).hasSize(Denials.PER_SECOND);
            now.addAndGet(1_000_000_000L);
            denials.denied(CLIENT, "publish", "a", denied);
            assertThat(lines.lines()).hasSize(Denials.PER_SECOND + 1);
            assertThat(lines.lines().get(Denials.PER_SECOND)).endsWith("(30 denials not logged in the last second)");
        }
    }

    @Test
    void aRefusedConnectQuotesTheChainTraceSoAClientChosenLineBreakCannotForgeALine() throws Exception {
        Denials denials = new Denials(() -> 0L);
        try (LogLines lines = new LogLines()) {
            denials.refused(CLIENT, "password-file: deny (unknown user \"x\ndeny connect reason=forged\")");
            assertThat(lines.lines()).singleElement().asString()
                    .doesNotContain("\n")
                    .contains("chain=\"password-file: deny (unknown user \\\"x\\u000adeny connect reason=forged\\\")\"");
        }
    }
}
