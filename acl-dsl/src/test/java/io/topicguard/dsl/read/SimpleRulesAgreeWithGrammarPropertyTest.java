package io.topicguard.dsl.read;

import io.topicguard.dsl.ParseResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut for common rule shapes ({@link io.topicguard.dsl.build.SimpleRuleBuilder}) and the
 * ANTLR path give the same result — the same AST or the same diagnostics, message for message —
 * on random statements near those shapes: valid ones, and ones with bad topics, escapes, regexes,
 * addresses, options, compound who-expressions, missing or extra tokens.
 */
class SimpleRulesAgreeWithGrammarPropertyTest {

    private static final List<String> EFFECTS = List.of("allow", "deny", "allow", "deny", "default", "superuser");

    private static final List<String> WHO = List.of(
            "all", "anonymous", "username \"alice\"", "clientid \"dev-1\"", "cn \"c\"", "username \"\"",
            "username ~ \"^ops-[0-9]+-\"", "clientid ~ \"(\"", "cn ~ \"a\\\\d\"", "username \"a\\\"b\"",
            "username \"bad\\q\"", "ip \"10.0.0.0/8\"", "ip \"fd00::/8\"", "ip \"10.0.0.300\"", "ip \"host\"",
            "listener \"tls\"", "username in [\"a\", \"b\"]", "username \"a\" and ip \"10.1.2.3\"",
            "not anonymous", "(all)", "username", "ip", "listener", "username ~", "usrname \"x\"",
            "username \"x\" or clientid \"y\"");

    private static final List<String> ACTIONS = List.of(
            "publish", "subscribe", "all", "publish, subscribe", "subscribe, publish", "all, publish", "publish,",
            "", "publish subscribe");

    private static final List<String> TOPICS = List.of(
            "\"a/b\"", "\"devices/${clientid}/#\"", "\"telemetry/${username}/+\"", "\"x/${user}/y\"", "\"a/#/b\"",
            "\"a+/b\"", "\"\"", "\"$share/g/a\"", "\"$SYS/#\"", "eq \"#\"", "eq \"a/+\"", "eq \"\"", "eq", "any",
            "\"a\\u0041\"", "\"a\\x\"", "\"a\", \"b/+\"", "\"a\", eq \"b\", any", "\"a\",", "\"#\"", "\"+/+\"",
            "\"a\" \"b\"", "\"${clientid}\"", "\"unterminated");

    private static final List<String> TAILS = List.of(
            "", "", "", "", " qos 1", " qos 0..1", " qos 3", " retain false", " retain true", " to", " ,", " and all",
            " # comment", "\n", " extra");

    @Provide
    Arbitrary<String> statement() {
        Arbitrary<String> to = Combinators.combine(Arbitraries.of(ACTIONS), Arbitraries.of(TOPICS), Arbitraries.of(TAILS))
                .as((actions, topics, tail) -> " to " + actions + " " + topics + tail);
        Arbitrary<String> clause = Arbitraries.oneOf(to, Arbitraries.of("", " to", " publish \"a\""));
        return Combinators.combine(Arbitraries.of(EFFECTS), Arbitraries.of(WHO), clause)
                .as((effect, who, rest) -> effect + " " + who + rest);
    }

    @Provide
    Arbitrary<String> policy() {
        return statement().list().ofMinSize(1).ofMaxSize(8)
                .flatMap(list -> Arbitraries.of(" ", "\n", "\t\n  ", "  # c\n").list().ofSize(list.size()).map(seps -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < list.size(); i++) {
                        out.append(list.get(i)).append(seps.get(i));
                    }
                    return out.toString();
                }));
    }

    @Property(tries = 1500)
    void shortcutAndGrammarGiveTheSameResult(@ForAll("policy") String policy) {
        ParseResult shortcut = new PolicyReader(true).readString("p.acl", policy, null);
        ParseResult grammar = new PolicyReader(false).readString("p.acl", policy, null);
        assertThat(shortcut).as(policy).isEqualTo(grammar);
    }
}
