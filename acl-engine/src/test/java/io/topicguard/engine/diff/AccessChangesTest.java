package io.topicguard.engine.diff;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.Policy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sample clients per who-group, the questions whose answers change, and the question budget. */
class AccessChangesTest {

    private static PolicyAst parse(String name, String text) {
        return ((ParseResult.Success) PolicyParser.parseString(name, text, null)).policy();
    }

    private static AccessChanges.Result diff(String before, String after, long budget) throws Exception {
        PolicyAst a = parse("old.acl", before);
        PolicyAst b = parse("new.acl", after);
        return AccessChanges.between(a, Policy.compile(a), b, Policy.compile(b), StatementChanges.between(a, b), budget);
    }

    @Test
    void aClientOfAnotherGroupLosesAccessWhenAnAllRuleIsAddedAboveItsRule() throws Exception {
        AccessChanges.Result result = diff("allow username ~ \"^sensor-\" to publish \"t/${username}\"\n",
                "deny all to publish \"t/#\"\nallow username ~ \"^sensor-\" to publish \"t/${username}\"\n", AccessChanges.MAX_QUESTIONS);

        assertThat(result.changes()).extracting(c -> c.client().username() + " " + c.action() + " " + c.topic() + " " + c.qos()
                        + (c.retain() ? " retain" : "") + ": " + c.before() + " -> " + c.after().verdict())
                .containsExactly(
                        "sensor- publish t/sensor- 0: allow (rule, old.acl:1: allow username ~ \"^sensor-\" to publish \"t/${username}\") -> DENY",
                        "sensor- publish t/sensor- 0 retain: allow (rule, old.acl:1: allow username ~ \"^sensor-\" to publish \"t/${username}\") -> DENY",
                        "sensor- publish t/sensor- 1: allow (rule, old.acl:1: allow username ~ \"^sensor-\" to publish \"t/${username}\") -> DENY",
                        "sensor- publish t/sensor- 2: allow (rule, old.acl:1: allow username ~ \"^sensor-\" to publish \"t/${username}\") -> DENY");
        assertThat(result.notCompared()).isZero();
        assertThat(result.unsampled()).isEmpty();
    }

    @Test
    void groupsWithoutASatisfyingSampleAreNamed() throws Exception {
        AccessChanges.Result result = diff("default deny\n", "default deny\nallow not username \"a\" and username ~ \"[0-9]\" to publish \"x\"\n",
                AccessChanges.MAX_QUESTIONS);

        assertThat(result.unsampled()).hasSize(1);
        assertThat(result.unsampled().get(0)).isInstanceOf(Who.And.class);
    }

    @Test
    void whenTheBudgetRunsOutTheRemainingGroupsAreCountedNotSilentlyDropped() throws Exception {
        String before = "allow username \"a\" to publish \"x\"\nallow username \"b\" to publish \"y\"\n";
        String after = "allow username \"b\" to publish \"y\"\n";

        AccessChanges.Result none = diff(before, after, 0);
        AccessChanges.Result one = diff(before, after, 1);

        assertThat(none.changes()).isEmpty();
        // username "a" (changed), all, anonymous; not username "b", whose topic "y" cannot meet "x".
        assertThat(none.notCompared()).isEqualTo(3);
        assertThat(one.notCompared()).isEqualTo(2);
        assertThat(one.changes()).extracting(c -> c.client().username() + " " + c.topic()).contains("a x");
    }

    @Test
    void whenOnlyRulesChangedOnlyRulesWithOverlappingTopicsAreAsked() throws Exception {
        // 200 per-user rules; the new deny can only change what u7 may do (its topic overlaps only u7's).
        StringBuilder before = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            before.append("allow username \"u").append(i).append("\" to publish \"t/").append(i).append("/#\"\n");
        }
        String after = "deny all to publish \"t/7/x\"\n" + before;

        AccessChanges.Result result = diff(before.toString(), after, AccessChanges.MAX_QUESTIONS);

        assertThat(result.changes()).extracting(c -> c.client().username() + " " + c.topic()).containsOnly("u7 t/7/x");
        assertThat(result.changes()).hasSize(4); // QoS 0, 1, 2 and retained at 0
    }

    @Test
    void topicsOverlapWhenSomeTopicCouldMatchBoth() {
        assertThat(TopicOverlap.overlap("t/7/#", "t/7/x")).isTrue();
        assertThat(TopicOverlap.overlap("t/7/#", "t/7")).isTrue();
        assertThat(TopicOverlap.overlap("t/+/x", "t/${username}/x")).isTrue();
        assertThat(TopicOverlap.overlap("t/8/#", "t/7/x")).isFalse();
        assertThat(TopicOverlap.overlap("a/b", "a/b/c")).isFalse();
        assertThat(TopicOverlap.overlap(null, "a")).isTrue();
    }

    @Test
    void aRegexSampleIsItsLiteralPart() {
        assertThat(SampleClients.literalPart("^sensor-")).isEqualTo("sensor-");
        assertThat(SampleClients.literalPart("\\.globex\\.example$")).isEqualTo(".globex.example");
        assertThat(SampleClients.literalPart("^dev-[0-9]+$")).isEqualTo("dev-");
    }
}
