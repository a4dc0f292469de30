package io.topicguard.testkit.policy;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.ClientRulesStatement;
import io.topicguard.dsl.ast.Effect;
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
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRule;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Random policies, clients, topics and filters over a deliberately SMALL alphabet, so that rules
 * actually match the generated clients and topics and the interesting cases (first match across
 * who-groups, placeholders, {@code $}-topics, empty levels, overlapping allow/deny) come up often.
 * Deterministic for a given {@link Random}. Reused by the benchmarks.
 */
public final class RandomPolicies {

    /** The instant the generated bans are judged against: some expired before it, some not. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static final String[] LEVELS = {"a", "b", "dev", "", "u1", "c1", "$SYS"};
    static final String[] USERNAMES = {"u1", "u2", "a", "$u", "u/x", "", "sensor-7"};
    static final String[] CLIENT_IDS = {"c1", "c2", "a", "", "c+1", "sensor-7", "b"};
    static final String[] CNS = {"cn1", "u1", "a#"};
    static final String[] LISTENERS = {"tcp", "tls"};
    static final String[] REGEXES = {"^u", "1$", "sensor", "^\\$", "^$", "[0-9]", "a|c",
        // regexes with a required literal, which the who-index looks up rather than evaluates for every client
        "ns", "^sensor-", "(a|c)1", "u1|^c", "x*1"};
    static final String[] BLOCKS = {"10.0.0.0/8", "10.1.0.0/16", "192.168.1.7", "0.0.0.0/0", "fd00::/8", "::1",
        "::ffff:10.0.0.0/104", "10.1.2.3/32", "::/0", "10.0.0.0/7"};
    static final String[] PEERS = {"10.1.2.3", "10.2.2.2", "192.168.1.7", "127.0.0.1", "::1", "fd00::5",
        "::ffff:10.1.2.3", "11.0.0.1"};
    static final String[] PLACEHOLDER_LEVELS = {"${username}", "${clientid}", "${cn}", "x-${clientid}", "${username}${clientid}"};

    private RandomPolicies() {
    }

    /**
     * A policy with {@code rules} rules plus a few settings, superusers and bans, in random order,
     * and in half of them a {@code client rules} statement at a random place among them.
     */
    public static PolicyAst policy(Random r, int rules) {
        List<Statement> statements = new ArrayList<>();
        String file = "gen.acl";
        int line = 1;
        if (r.nextInt(3) > 0) {
            statements.add(new SettingStatement(r.nextBoolean() ? Setting.DEFAULT_ALLOW : Setting.DEFAULT_DENY, pos(file, line++), "default"));
        }
        if (r.nextInt(3) > 0) {
            statements.add(new SettingStatement(r.nextBoolean() ? Setting.ANONYMOUS_ALLOW : Setting.ANONYMOUS_DENY, pos(file, line++), "anonymous"));
        }
        int superusers = r.nextInt(4) == 0 ? 1 : 0;
        int bans = r.nextInt(4);
        int total = rules + superusers + bans;
        int placedSuperusers = 0;
        int placedBans = 0;
        int clientRulesAt = r.nextBoolean() ? r.nextInt(total + 1) : -1;
        for (int i = 0; i <= total; i++) {
            if (i == clientRulesAt) {
                statements.add(new ClientRulesStatement(pos(file, line++), "client rules"));
            }
            if (i == total) {
                break;
            }
            int pick = r.nextInt(total - i);
            SourcePosition at = pos(file, line++);
            if (pick < superusers - placedSuperusers) {
                placedSuperusers++;
                statements.add(new SuperuserStatement(narrowWho(r), at, "superuser@" + at.line()));
            } else if (pick < superusers - placedSuperusers + bans - placedBans) {
                placedBans++;
                Optional<Instant> until = switch (r.nextInt(3)) {
                    case 0 -> Optional.empty();
                    case 1 -> Optional.of(NOW.minusSeconds(1 + r.nextInt(100_000)));
                    default -> Optional.of(NOW.plusSeconds(r.nextInt(100_000)));
                };
                statements.add(new BanStatement(narrowWho(r), until, Optional.empty(), at, "ban@" + at.line()));
            } else {
                statements.add(rule(r, at));
            }
        }
        return new PolicyAst(statements, List.of());
    }

    private static SourcePosition pos(String file, int line) {
        return new SourcePosition(file, line, 1);
    }

    /** One rule at {@code at}: random effect, who, actions, 1..3 topics and options. */
    public static RuleStatement rule(Random r, SourcePosition at) {
        Set<Action> actions = switch (r.nextInt(3)) {
            case 0 -> EnumSet.of(Action.PUBLISH);
            case 1 -> EnumSet.of(Action.SUBSCRIBE);
            default -> EnumSet.of(Action.PUBLISH, Action.SUBSCRIBE);
        };
        List<Topic> topics = new ArrayList<>();
        int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(20);
            if (kind == 0) {
                topics.add(new Topic.Any(at));
            } else if (kind <= 3) {
                topics.add(new Topic.Exact(exactTopic(r), at));
            } else {
                topics.add(new Topic.Filter(ruleFilter(r), at));
            }
        }
        Qos qos = r.nextInt(3) > 0 ? Qos.ANY : new Qos(1 + r.nextInt(7));
        Retain retain = actions.contains(Action.PUBLISH) && r.nextInt(3) == 0 ? (r.nextBoolean() ? Retain.TRUE : Retain.FALSE) : Retain.ANY;
        Effect effect = r.nextInt(5) < 3 ? Effect.ALLOW : Effect.DENY;
        return new RuleStatement(effect, who(r, 2), actions, topics, qos, retain, at, effect + "@" + at.line());
    }

    /**
     * 0..5 rules as an authentication might carry them (docs/semantics.md, Client rules): both
     * permissions and every action, placeholder filters and {@code eq} topics from the policy
     * alphabet, sometimes QoS and retain options. Every one is valid, as {@code ClientRules.of} demands.
     */
    public static List<ClientRule> clientRules(Random r) {
        int n = r.nextInt(6);
        List<ClientRule> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ClientRule.Permission permission = r.nextInt(5) < 3 ? ClientRule.Permission.ALLOW : ClientRule.Permission.DENY;
            ClientRule.Action action = ClientRule.Action.values()[r.nextInt(3)];
            boolean exact = r.nextInt(5) == 0;
            String topic = exact ? exactTopic(r) : ruleFilter(r);
            Set<Integer> qos = ClientRule.ALL_QOS;
            if (r.nextInt(3) == 0) {
                Set<Integer> some = new java.util.TreeSet<>();
                int mask = 1 + r.nextInt(7);
                for (int level = 0; level <= 2; level++) {
                    if ((mask & (1 << level)) != 0) {
                        some.add(level);
                    }
                }
                qos = some;
            }
            Boolean retain = r.nextInt(3) == 0 ? r.nextBoolean() : null;
            rules.add(new ClientRule(permission, action, topic, exact, qos, retain));
        }
        return rules;
    }

    /** A who-expression of every form, nested up to {@code depth}. */
    public static Who who(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 14 : 11);
        return switch (kind) {
            case 0, 1 -> new Who.All();
            case 2 -> new Who.Anonymous();
            case 3, 4 -> new Who.Equals(Attribute.USERNAME, pick(r, USERNAMES));
            case 5 -> new Who.Equals(r.nextBoolean() ? Attribute.CLIENTID : Attribute.CN, r.nextBoolean() ? pick(r, CLIENT_IDS) : pick(r, CNS));
            case 6 -> new Who.In(attribute(r), List.of(pick(r, USERNAMES), pick(r, CLIENT_IDS)));
            case 7 -> new Who.Matches(attribute(r), pick(r, REGEXES));
            case 8 -> new Who.Ip(List.of(PolicyBuilder.block(pick(r, BLOCKS)), PolicyBuilder.block(pick(r, BLOCKS))).subList(0, 1 + r.nextInt(2)));
            case 9 -> new Who.Listener(pick(r, LISTENERS));
            case 10 -> new Who.Equals(Attribute.USERNAME, pick(r, USERNAMES));
            case 11 -> new Who.Not(who(r, depth - 1));
            case 12 -> new Who.And(List.of(who(r, depth - 1), who(r, depth - 1)));
            default -> new Who.Or(List.of(who(r, depth - 1), who(r, depth - 1)));
        };
    }

    private static Who narrowWho(Random r) {
        Who w = who(r, 1);
        return w instanceof Who.All ? new Who.Equals(Attribute.USERNAME, pick(r, USERNAMES)) : w;
    }

    private static Attribute attribute(Random r) {
        return Attribute.values()[r.nextInt(3)];
    }

    /** A valid rule filter: wildcards, empty levels, {@code $} levels and placeholders. */
    public static String ruleFilter(Random r) {
        int n = 1 + r.nextInt(4);
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                f.append('/');
            }
            int kind = r.nextInt(10);
            if (kind < 2) {
                f.append('+');
            } else if (kind < 3 && i == n - 1) {
                f.append('#');
            } else if (kind < 5) {
                f.append(pick(r, PLACEHOLDER_LEVELS));
            } else {
                f.append(pick(r, LEVELS));
            }
        }
        String s = f.toString();
        return s.isEmpty() ? "a" : s;
    }

    /** A subscription filter a client might send (no placeholders; sometimes {@code $share/...}). */
    public static String filter(Random r) {
        int n = 1 + r.nextInt(4);
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                f.append('/');
            }
            int kind = r.nextInt(10);
            if (kind < 3) {
                f.append('+');
            } else if (kind < 5 && i == n - 1) {
                f.append('#');
            } else {
                f.append(r.nextBoolean() ? pick(r, LEVELS) : pick(r, r.nextBoolean() ? USERNAMES : CLIENT_IDS));
            }
        }
        String s = f.toString();
        if (s.isEmpty()) {
            s = "#";
        }
        return r.nextInt(10) == 0 ? "$share/g" + r.nextInt(2) + "/" + s : s;
    }

    /** A topic name (possibly invalid: wildcards, empty) built from the same alphabet. */
    public static String topicName(Random r) {
        int n = 1 + r.nextInt(4);
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.append('/');
            }
            int kind = r.nextInt(12);
            if (kind < 4) {
                t.append(pick(r, USERNAMES));
            } else if (kind < 7) {
                t.append(pick(r, CLIENT_IDS));
            } else if (kind < 8) {
                t.append("x-").append(pick(r, CLIENT_IDS));
            } else {
                t.append(pick(r, LEVELS));
            }
        }
        return t.toString();
    }

    /** A topic name matched by {@code filter} (which must be valid and without {@code $share/}). */
    public static String topicMatching(Random r, String filter) {
        String topic;
        do {
            // The empty string is no topic name (MQTT-4.7.3-1), though "+" and "/#" would match it.
            topic = someTopicMatching(r, filter);
        } while (topic.isEmpty());
        return topic;
    }

    private static String someTopicMatching(Random r, String filter) {
        String[] levels = filter.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("+")) {
                out.add(nonDollarIfFirst(r, i));
            } else if (level.equals("#")) {
                int extra = r.nextInt(3);
                for (int k = 0; k < extra; k++) {
                    out.add(nonDollarIfFirst(r, i + k));
                }
            } else {
                out.add(level);
            }
        }
        return String.join("/", out);
    }

    private static String nonDollarIfFirst(Random r, int index) {
        String level;
        do {
            level = r.nextBoolean() ? pick(r, LEVELS) : pick(r, r.nextBoolean() ? USERNAMES : CLIENT_IDS);
        } while ((index == 0 && level.startsWith("$")) || level.contains("/") || level.contains("+") || level.contains("#"));
        return level;
    }

    /** A client over the same alphabet: sometimes anonymous, with or without CN, listener, address. */
    public static ClientInfo client(Random r) {
        ClientInfo.Builder b = ClientInfo.builder(pick(r, CLIENT_IDS));
        if (r.nextInt(5) > 0) {
            b.username(pick(r, USERNAMES));
        }
        if (r.nextBoolean()) {
            b.commonName(pick(r, CNS));
        }
        if (r.nextInt(4) > 0) {
            b.listener(pick(r, LISTENERS));
        }
        if (r.nextInt(5) > 0) {
            b.address(address(pick(r, PEERS)));
        }
        return b.build();
    }

    /** {@code ::ffff:a.b.c.d} stays an {@link Inet6Address}, as a dual-stack socket reports it. */
    static InetAddress address(String literal) {
        try {
            InetAddress a = InetAddress.getByName(literal);
            if (literal.startsWith("::ffff:")) {
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, v6, 12, 4);
                return Inet6Address.getByAddress(null, v6, -1);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /**
     * The text of an {@code eq} topic: a valid filter that is not a shared subscription, as the
     * parser demands, so a generated policy always has a printed form that parses back.
     */
    static String exactTopic(Random r) {
        while (true) {
            String candidate = r.nextBoolean() ? topicName(r) : filter(r);
            if (TopicSyntax.filterProblem(candidate) == null && !candidate.startsWith("$share/")) {
                return candidate;
            }
        }
    }
}
