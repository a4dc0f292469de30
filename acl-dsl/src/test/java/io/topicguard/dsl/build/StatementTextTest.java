package io.topicguard.dsl.build;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTextTest {

    @Test
    void whatIsInsideAStringDoesNotSendAStatementToTheSlowPath() {
        // A '#' wildcard or two spaces inside a topic are the string's own text, not a comment or a gap.
        assertThat(StatementText.isCollapsed("allow clientid \"dev-5\" to publish, subscribe \"site/dev-5/#\"")).isTrue();
        assertThat(StatementText.isCollapsed("allow all to subscribe \"a  b\", \"c\\\"#\"")).isTrue();
    }

    @Test
    void commentsAndRunsOfWhitespaceBetweenTokensAreStillCollapsed() {
        assertThat(StatementText.isCollapsed("allow all to subscribe \"a/#\",  \"b\"")).isFalse();
        assertThat(StatementText.isCollapsed("allow all to subscribe \"a/#\", # note\n\"b\"")).isFalse();
        assertThat(StatementText.isCollapsed("allow all to subscribe \"a/#\",\t\"b\"")).isFalse();
        assertThat(text("allow all to subscribe \"a/#\",   # note\n   \"b  c/#\"\n"))
                .isEqualTo("allow all to subscribe \"a/#\", \"b  c/#\"");
        assertThat(text("allow all to subscribe \"a/#\"   # note\n"))
                .isEqualTo("allow all to subscribe \"a/#\"");
    }

    private static String text(String policy) {
        ParseResult result = PolicyParser.parseString("policy.acl", policy, null);
        Statement statement = ((ParseResult.Success) result).policy().statements().get(0);
        return statement.text();
    }
}
