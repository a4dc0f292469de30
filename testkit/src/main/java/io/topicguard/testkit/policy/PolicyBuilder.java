package io.topicguard.testkit.policy;

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

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds policy ASTs in tests without the parser: each statement goes on its own line of
 * {@code test.acl}, so a decision's source says which statement decided.
 *
 * <pre>{@code
 * PolicyAst ast = new PolicyBuilder()
 *         .allow(username("alice"), PUBLISH_ONLY, filter("a/#"))
 *         .build();
 * }</pre>
 */
public final class PolicyBuilder {

    public static final Set<Action> PUBLISH_ONLY = EnumSet.of(Action.PUBLISH);
    public static final Set<Action> SUBSCRIBE_ONLY = EnumSet.of(Action.SUBSCRIBE);
    public static final Set<Action> BOTH = EnumSet.of(Action.PUBLISH, Action.SUBSCRIBE);

    private final String file;
    private final List<Statement> statements = new ArrayList<>();

    public PolicyBuilder() {
        this("test.acl");
    }

    public PolicyBuilder(String file) {
        this.file = file;
    }

    /** The position the next statement gets. */
    public SourcePosition next() {
        return new SourcePosition(file, statements.size() + 1, 1);
    }

    public PolicyBuilder setting(Setting setting) {
        String text = setting.kind().keyword() + " " + setting.name().substring(setting.name().lastIndexOf('_') + 1).toLowerCase();
        statements.add(new SettingStatement(setting, next(), text));
        return this;
    }

    public PolicyBuilder superuser(Who who) {
        statements.add(new SuperuserStatement(who, next(), "superuser " + who));
        return this;
    }

    public PolicyBuilder ban(Who who, Instant until) {
        statements.add(new BanStatement(who, Optional.ofNullable(until), Optional.empty(), next(), "ban " + who));
        return this;
    }

    public PolicyBuilder allow(Who who, Set<Action> actions, Topic... topics) {
        return rule(Effect.ALLOW, who, actions, Qos.ANY, Retain.ANY, topics);
    }

    public PolicyBuilder deny(Who who, Set<Action> actions, Topic... topics) {
        return rule(Effect.DENY, who, actions, Qos.ANY, Retain.ANY, topics);
    }

    public PolicyBuilder rule(Effect effect, Who who, Set<Action> actions, Qos qos, Retain retain, Topic... topics) {
        SourcePosition at = next();
        List<Topic> placed = new ArrayList<>();
        for (Topic t : topics) {
            placed.add(at(t, at));
        }
        String text = effect.name().toLowerCase() + " " + who + " to " + actions + " " + Arrays.toString(topics)
                + (qos.isAny() ? "" : " qos mask " + qos.mask()) + (retain == Retain.ANY ? "" : " retain " + retain);
        statements.add(new RuleStatement(effect, who, actions, placed, qos, retain, at, text));
        return this;
    }

    /** Adds a statement built elsewhere (e.g. a generator). */
    public PolicyBuilder add(Statement statement) {
        statements.add(statement);
        return this;
    }

    public PolicyAst build() {
        return new PolicyAst(statements, List.of());
    }

    private static Topic at(Topic t, SourcePosition p) {
        if (t instanceof Topic.Filter f) {
            return new Topic.Filter(f.filter(), p);
        }
        if (t instanceof Topic.Exact e) {
            return new Topic.Exact(e.topic(), p);
        }
        return new Topic.Any(p);
    }

    // ---- short names for AST pieces --------------------------------------------------------

    private static final SourcePosition NOWHERE = new SourcePosition("test.acl", 1, 1);

    public static Topic filter(String f) {
        return new Topic.Filter(f, NOWHERE);
    }

    public static Topic eq(String t) {
        return new Topic.Exact(t, NOWHERE);
    }

    public static Topic any() {
        return new Topic.Any(NOWHERE);
    }

    public static Who all() {
        return new Who.All();
    }

    public static Who anonymous() {
        return new Who.Anonymous();
    }

    public static Who username(String u) {
        return new Who.Equals(Attribute.USERNAME, u);
    }

    public static Who clientId(String c) {
        return new Who.Equals(Attribute.CLIENTID, c);
    }

    public static Who cn(String c) {
        return new Who.Equals(Attribute.CN, c);
    }

    public static Who matches(Attribute a, String regex) {
        return new Who.Matches(a, regex);
    }

    public static Who in(Attribute a, String... values) {
        return new Who.In(a, List.of(values));
    }

    public static Who listener(String name) {
        return new Who.Listener(name);
    }

    public static Who ip(String... blocks) {
        List<IpBlock> parsed = new ArrayList<>();
        for (String b : blocks) {
            parsed.add(block(b));
        }
        return new Who.Ip(parsed);
    }

    public static Who not(Who w) {
        return new Who.Not(w);
    }

    public static Who and(Who... ws) {
        return new Who.And(List.of(ws));
    }

    public static Who or(Who... ws) {
        return new Who.Or(List.of(ws));
    }

    /** An address or CIDR literal, host bits cleared, as the parser would build it. */
    public static IpBlock block(String text) {
        String[] parts = text.split("/", 2);
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            boolean written6 = parts[0].contains(":");
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : written6 ? 128 : 32;
            if (written6 && address.length == 4) {
                // InetAddress folds ::ffff:a.b.c.d into IPv4. So does the parser for a block of /96
                // or longer (it holds IPv4 peers only); a shorter one keeps the IPv6 form.
                if (prefix >= 96) {
                    prefix -= 96;
                } else {
                    byte[] v6 = new byte[16];
                    v6[10] = (byte) 0xff;
                    v6[11] = (byte) 0xff;
                    System.arraycopy(address, 0, v6, 12, 4);
                    address = v6;
                }
            }
            for (int bit = prefix; bit < address.length * 8; bit++) {
                address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return new IpBlock(text, address, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
