package io.topicguard.engine.who;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientInfo;
import io.topicguard.testkit.policy.PolicyBuilder;
import io.topicguard.testkit.policy.RandomPolicies;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WhoIndex#forEachMatch} reports exactly the values whose expression holds for a client, each
 * once, in any order, as evaluating every expression would: over random who-expressions (exact
 * values, lists, regexes with and without a required literal, address blocks, listeners,
 * {@code anonymous}, nested and negated) and random clients.
 */
class WhoIndexProperties {

    private static final String[] REGEXES = {"^u", "1$", "sensor", "^sensor-", "ns", "(a|c)1", "c\\+1", "^c[0-9]$",
        "x*1", "s.n", "^$", "[0-9]", "a|c", "(?i)U1", "u1|^c", "\\$u", "cn"};
    private static final String[] BLOCKS = {"10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.1.7", "0.0.0.0/0",
        "fd00::/8", "::1", "::ffff:10.0.0.0/104", "10.1.2.3/32", "::/0", "10.0.0.0/7", "11.0.0.0/8"};

    @Property(tries = 300)
    void findsExactlyTheExpressionsThatHold(@ForAll long seed) {
        Random r = new Random(seed);
        WhoCompiler compiler = new WhoCompiler();
        WhoIndex.Builder<Integer> builder = new WhoIndex.Builder<>(compiler);
        List<WhoPredicate> predicates = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(60); i++) {
            Who who = who(r, 3);
            builder.add(who, i);
            predicates.add(compiler.compile(who));
        }
        WhoIndex<Integer> index = builder.build();
        for (int c = 0; c < 20; c++) {
            ClientInfo client = RandomPolicies.client(r);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < predicates.size(); i++) {
                if (predicates.get(i).test(client)) {
                    expected.add(i);
                }
            }
            List<Integer> found = new ArrayList<>();
            index.forEachMatch(client, found::add);
            assertThat(found).as("seed %d, %s", seed, client).containsExactlyInAnyOrderElementsOf(expected);
            Statistics.label("expressions holding").collect(Math.min(expected.size(), 5));
        }
        Statistics.label("general").collect(Math.min(index.generalCount(), 5));
    }

    private static Who who(Random r, int depth) {
        int roll = r.nextInt(depth <= 0 ? 4 : 8);
        return switch (roll) {
            case 0 -> new Who.Matches(Attribute.values()[r.nextInt(3)], REGEXES[r.nextInt(REGEXES.length)]);
            case 1 -> new Who.Ip(List.of(PolicyBuilder.block(BLOCKS[r.nextInt(BLOCKS.length)]),
                    PolicyBuilder.block(BLOCKS[r.nextInt(BLOCKS.length)])).subList(0, 1 + r.nextInt(2)));
            case 2, 3 -> RandomPolicies.who(r, 0);
            case 4 -> new Who.Not(who(r, depth - 1));
            case 5 -> new Who.And(List.of(who(r, depth - 1), who(r, depth - 1)));
            default -> new Who.Or(List.of(who(r, depth - 1), who(r, depth - 1)));
        };
    }
}
