package io.topicguard.dsl.imports;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.check.IpLiterals;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import io.topicguard.dsl.PolicyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** print(ast) parses back to the same statements, positions and texts aside. */
class NativePrinterRoundTripTest {

    private static final SourcePosition AT = new SourcePosition("x", 1, 1);

    @Property(tries = 300)
    void printedPolicyParsesToTheSameStatements(@ForAll("policies") List<Statement> statements) {
        String text = NativePrinter.print(new PolicyAst(statements, List.of()));
        ParseResult parsed = PolicyParser.parseString("printed.acl", text, null);
        assertThat(parsed).as(() -> text + "\n" + parsed).isInstanceOf(ParseResult.Success.class);
        List<Statement> back = ((ParseResult.Success) parsed).policy().statements();
        assertThat(back.stream().map(NativePrinterRoundTripTest::normalized).toList()).as(text)
                .isEqualTo(statements.stream().map(NativePrinterRoundTripTest::normalized).toList());
    }

    @ParameterizedTest
    @CsvSource({
            "aclfile.example, MOSQUITTO",
            "emqx4-acl.conf, EMQX",
            "emqx5-acl.conf, EMQX",
    })
    void convertedShippedFilesParseBackToTheImportedStatements(String resource, PolicyFormat format) throws Exception {
        assertConvertsBack(PolicyImporter.parse(Path.of(getClass().getResource("/imports/" + resource).toURI()), format));
    }

    @Test
    void convertedPatternsAndGuardsParseBack() {
        assertConvertsBack(PolicyImporter.parseString("acl", """
                topic read public/#
                user alice
                topic deny a/b
                topic readwrite a/#
                pattern deny %u/secret
                pattern readwrite %c/#
                pattern write $SYS/broker/connection/%c/state
                """, PolicyFormat.MOSQUITTO));
    }

    private static void assertConvertsBack(ImportResult imported) {
        assertThat(imported.result()).isInstanceOf(ParseResult.Success.class);
        PolicyAst ast = ((ParseResult.Success) imported.result()).policy();
        String text = NativePrinter.print(ast);
        ParseResult back = PolicyParser.parseString("converted.acl", text, null);
        assertThat(back).as(text).isInstanceOf(ParseResult.Success.class);
        assertThat(((ParseResult.Success) back).policy().statements().stream().map(NativePrinterRoundTripTest::normalized).toList())
                .isEqualTo(ast.statements().stream().map(NativePrinterRoundTripTest::normalized).toList());
    }

    @Test
    void eachStatementIsPrecededByACommentWithItsOrigin() {
        RuleStatement rule = new RuleStatement(Effect.ALLOW, new Who.All(), Set.of(Action.PUBLISH),
                List.of(new Topic.Filter("a/b", AT)), Qos.ANY, Retain.ANY, new SourcePosition("acl_file", 7, 1), "topic write a/b");
        assertThat(NativePrinter.print(new PolicyAst(List.of(rule), List.of())))
                .isEqualTo("# acl_file:7: topic write a/b\nallow all to publish \"a/b\"\n");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(NativePrinter.quote("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    }

    private static Statement normalized(Statement s) {
        if (s instanceof RuleStatement r) {
            List<Topic> topics = r.topics().stream().map(t -> t instanceof Topic.Filter f ? new Topic.Filter(f.filter(), AT)
                    : t instanceof Topic.Exact e ? (Topic) new Topic.Exact(e.topic(), AT) : new Topic.Any(AT)).toList();
            return new RuleStatement(r.effect(), r.who(), r.actions(), topics, r.qos(), r.retain(), AT, "");
        }
        if (s instanceof SettingStatement st) {
            return new SettingStatement(st.setting(), AT, "");
        }
        if (s instanceof SuperuserStatement su) {
            return new SuperuserStatement(su.who(), AT, "");
        }
        BanStatement b = (BanStatement) s;
        return new BanStatement(b.who(), b.until(), b.reason(), AT, "");
    }

    @Provide
    Arbitrary<List<Statement>> policies() {
        Arbitrary<List<Statement>> settings = Arbitraries.of(Setting.values()).set().ofMaxSize(4).map(set -> {
            List<Statement> out = new ArrayList<>();
            EnumSet<Setting.Kind> seen = EnumSet.noneOf(Setting.Kind.class);
            for (Setting setting : set) {
                if (seen.add(setting.kind())) {
                    out.add(new SettingStatement(setting, AT, ""));
                }
            }
            return out;
        });
        Arbitrary<Statement> other = Arbitraries.oneOf(rules(), rules(), superusers(), bans());
        return Combinators.combine(settings, other.list().ofMaxSize(6)).as((a, b) -> {
            List<Statement> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    private Arbitrary<Statement> superusers() {
        return whos(3).map(w -> new SuperuserStatement(w, AT, ""));
    }

    private Arbitrary<Statement> bans() {
        Arbitrary<Optional<Instant>> until = Arbitraries.longs().between(0, 4_000_000_000L)
                .map(seconds -> Instant.ofEpochSecond(seconds)).optional();
        return Combinators.combine(whos(2), until, strings().optional())
                .as((w, u, r) -> new BanStatement(w, u, r, AT, ""));
    }

    private Arbitrary<Statement> rules() {
        Arbitrary<Set<Action>> actions = Arbitraries.of(Set.of(Action.PUBLISH), Set.of(Action.SUBSCRIBE), EnumSet.allOf(Action.class));
        Arbitrary<Qos> qos = Arbitraries.integers().between(1, 7).map(Qos::new);
        Arbitrary<List<Topic>> topics = topics().list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(Effect.values()), whos(3), actions, topics, qos, Arbitraries.of(Retain.values()))
                .as((effect, who, acts, ts, q, retain) -> new RuleStatement(effect, who, acts, ts, q,
                        acts.contains(Action.PUBLISH) ? retain : Retain.ANY, AT, ""));
    }

    private Arbitrary<Topic> topics() {
        Arbitrary<String> level = Arbitraries.of("a", "b c", "\"q\"", "back\\slash", "é", "tab\there", "${username}", "x-${clientid}", "${cn}", "$SYS", "");
        Arbitrary<String> filter = level.list().ofMinSize(1).ofMaxSize(3).map(levels -> String.join("/", levels)).filter(f -> !f.isEmpty())
                .flatMap(f -> Arbitraries.of(f, f + "/+", f + "/#", "+/" + f, "#"));
        Arbitrary<String> exact = Arbitraries.of("a", "b/\"c\"", "x\\y", "#", "+/+");
        return Arbitraries.oneOf(filter.map(f -> new Topic.Filter(f, AT)), exact.map(e -> new Topic.Exact(e, AT)),
                Arbitraries.just(new Topic.Any(AT)));
    }

    private Arbitrary<Who> whos(int depth) {
        Arbitrary<Attribute> attribute = Arbitraries.of(Attribute.values());
        Arbitrary<Who> terms = Arbitraries.oneOf(
                Arbitraries.just(new Who.All()),
                Arbitraries.just(new Who.Anonymous()),
                Combinators.combine(attribute, strings()).as(Who.Equals::new),
                Combinators.combine(attribute, Arbitraries.of("^a", "\\d+$", "\"quoted\"", "[+#]", "^\\$")).as(Who.Matches::new),
                Combinators.combine(attribute, strings().list().ofMinSize(1).ofMaxSize(3)).as(Who.In::new),
                Arbitraries.of("10.0.0.0/8", "127.0.0.1", "fd00::/8", "::1").list().ofMinSize(1).ofMaxSize(2)
                        .map(list -> new Who.Ip(list.stream().map(NativePrinterRoundTripTest::block).toList())),
                strings().map(Who.Listener::new));
        if (depth == 0) {
            return terms;
        }
        Arbitrary<Who> sub = whos(depth - 1);
        return Arbitraries.oneOf(terms, terms,
                sub.map(Who.Not::new),
                sub.list().ofMinSize(2).ofMaxSize(3).map(Who.And::new),
                sub.list().ofMinSize(2).ofMaxSize(3).map(Who.Or::new));
    }

    private static IpBlock block(String text) {
        return ((IpLiterals.Parsed) IpLiterals.parse(text)).block();
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.strings().withChars("ab \"\\\n\t#é\u0001").ofMaxLength(6);
    }
}
