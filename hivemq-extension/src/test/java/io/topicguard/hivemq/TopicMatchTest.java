package io.topicguard.hivemq;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** MQTT's filter matching, as the delivery check finds a message's subscriptions. */
class TopicMatchTest {

    @ParameterizedTest
    @CsvSource({
            "a/#, a, true",
            "a/#, a/b/c, true",
            "a/+, a/b, true",
            "a/+, a/b/c, false",
            "a/+, a, false",
            "+/b, /b, true",
            "#, $SYS/x, false",
            "+/x, $SYS/x, false",
            "$SYS/#, $SYS/x, true",
            "a//b, a//b, true",
            "a/b, a/b/, false",
            "a/b, A/b, false",
    })
    void matchesAsMqttDoes(String filter, String topic, boolean expected) {
        assertThat(TopicMatch.matches(TopicMatch.levels(filter), TopicMatch.levels(topic), topic.startsWith("$"))).isEqualTo(expected);
    }
}
