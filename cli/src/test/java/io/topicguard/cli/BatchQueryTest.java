package io.topicguard.cli;

import io.topicguard.engine.ClientInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How one {@code check --batch} line becomes a question, or a worded refusal (docs/cli.md). */
class BatchQueryTest {

    @Test
    void documentedQueryLineIsAPublishQuestion() throws Exception {
        CheckQuestion q = BatchQuery.parse("{\"username\":\"u\",\"clientid\":\"c\",\"ip\":\"10.0.0.1\",\"cn\":null,"
                + "\"listener\":null,\"action\":\"publish\",\"topic\":\"a/b\",\"qos\":0,\"retain\":false}");

        assertThat(q).isEqualTo(new CheckQuestion(
                new ClientInfo("c", "u", InetAddress.getByName("10.0.0.1"), null, null),
                CheckQuestion.Kind.PUBLISH, "a/b", 0, false));
    }

    @Test
    void absentFieldsAreAbsentAttributesAndClientIdDefaultsToEmpty() throws Exception {
        CheckQuestion q = BatchQuery.parse("{\"action\":\"connect\"}");

        assertThat(q).isEqualTo(new CheckQuestion(new ClientInfo("", null, null, null, null), CheckQuestion.Kind.CONNECT, null, 0, false));
        assertThat(q.client().anonymous()).isTrue();
    }

    @Test
    void everyAttributeIsCarriedOver() throws Exception {
        CheckQuestion q = BatchQuery.parse("{\"username\":\"\",\"clientid\":\"dev-1\",\"ip\":\"fd00::1\",\"cn\":\"dev-1.example\","
                + "\"listener\":\"tls\",\"action\":\"subscribe\",\"topic\":\"$share/g/a/#\",\"qos\":2}");

        assertThat(q).isEqualTo(new CheckQuestion(
                new ClientInfo("dev-1", "", InetAddress.getByName("fd00::1"), "dev-1.example", "tls"),
                CheckQuestion.Kind.SUBSCRIBE, "$share/g/a/#", 2, false));
        assertThat(q.client().anonymous()).as("an empty username is still a username").isFalse();
    }

    @Test
    void retainedPublishIsRead() throws Exception {
        assertThat(BatchQuery.parse("{\"action\":\"publish\",\"topic\":\"t\",\"qos\":1,\"retain\":true}").retain()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"action\":`                                          | not valid JSON: Unexpected end-of-input",
            "`not json`                                              | not valid JSON: Unrecognized token 'not'",
            "`[1,2]`                                                 | expected a JSON object, one query per line",
            "`\"publish\"`                                           | expected a JSON object, one query per line",
            "`{\"action\":\"connect\"} {\"action\":\"connect\"}`     | not valid JSON: Trailing token (of type START_OBJECT) found after value",
            "`{\"action\":\"connect\",\"action\":\"publish\"}`       | not valid JSON: Duplicate field 'action'",
            "`{\"user\":\"alice\",\"action\":\"connect\"}`           | unknown field \"user\" (expected username, clientid, ip, cn, listener, action, topic, qos, retain)",
            "`{\"topic\":\"a\"}`                                     | missing \"action\" (connect, publish or subscribe)",
            "`{\"action\":\"deliver\",\"topic\":\"a\"}`              | unknown action \"deliver\" (expected connect, publish or subscribe)",
            "`{\"action\":\"publish\"}`                              | missing \"topic\" for action \"publish\"",
            "`{\"action\":\"subscribe\",\"topic\":null}`             | missing \"topic\" for action \"subscribe\"",
            "`{\"action\":\"connect\",\"topic\":\"a\"}`              | \"topic\" is not used by action \"connect\"",
            "`{\"action\":\"publish\",\"topic\":\"a\",\"qos\":3}`    | \"qos\" must be 0, 1 or 2, got 3",
            "`{\"action\":\"publish\",\"topic\":\"a\",\"qos\":-1}`   | \"qos\" must be 0, 1 or 2, got -1",
            "`{\"action\":\"publish\",\"topic\":\"a\",\"qos\":1.5}`  | \"qos\" must be 0, 1 or 2, got 1.5",
            "`{\"action\":\"publish\",\"topic\":\"a\",\"qos\":\"1\"}`| \"qos\" must be 0, 1 or 2, got \"1\"",
            "`{\"action\":\"publish\",\"topic\":\"a\",\"retain\":1}` | \"retain\" must be true or false, got number 1",
            "`{\"action\":\"subscribe\",\"topic\":\"a\",\"retain\":true}` | \"retain\": true applies only to action \"publish\"",
            "`{\"action\":\"connect\",\"username\":42}`              | \"username\" must be a string or null, got number 42",
            "`{\"action\":\"connect\",\"clientid\":[\"a\"]}`         | \"clientid\" must be a string or null, got array [\"a\"]",
            "`{\"action\":\"connect\",\"ip\":\"example.com\"}`       | \"ip\" is not an IPv4 or IPv6 address literal: \"example.com\" (host names are not resolved)",
            "`{\"action\":\"connect\",\"ip\":\"300.1.1.1\"}`         | \"ip\" is not an IPv4 or IPv6 address literal: \"300.1.1.1\" (host names are not resolved)",
    })
    void malformedLineIsRefusedInWords(String line, String message) {
        assertThatThrownBy(() -> BatchQuery.parse(line))
                .isInstanceOf(BatchQuery.Malformed.class)
                .message().startsWith(message);
    }
}
