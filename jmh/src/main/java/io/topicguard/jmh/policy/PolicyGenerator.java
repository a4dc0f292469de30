package io.topicguard.jmh.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a realistic fleet policy of exactly N rules, deterministically from a seed, so that
 * anyone can regenerate the policies a benchmark report was measured on.
 *
 * <p>The shape: the first rule and the last rule are per-user rules (the targets of the "early" and
 * "late" queries); after the first come a firehose deny and the two placeholder rules an operator
 * writes once ({@code devices/${clientid}/#}, {@code telemetry/${username}/+}); the rest is drawn
 * with these weights: 60% per-user, 25% per-client-id, 5% shared wildcard, 4% regular expression,
 * 4% CIDR, 2% deny. Every per-user and per-client rule names a subject of its own, so the first
 * rule that matches a query's client is the one the query was built for.
 *
 * <pre>{@code
 * GeneratedPolicy policy = PolicyGenerator.generate(100_000, PolicyGenerator.DEFAULT_SEED);
 * Files.writeString(dir.resolve("policy.acl"), policy.policyText());
 * }</pre>
 */
public final class PolicyGenerator {

    /** The seed every benchmark uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20_260_401L;

    private PolicyGenerator() {
    }

    /**
     * @param ruleCount at least 2 (the early and the late rule)
     * @throws IllegalArgumentException when {@code ruleCount < 2}
     */
    public static GeneratedPolicy generate(int ruleCount, long seed) {
        if (ruleCount < 2) {
            throw new IllegalArgumentException("a generated policy needs at least 2 rules (early and late), got " + ruleCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<GeneratedRule> rules = new ArrayList<>(ruleCount);
        rules.add(user(0));
        if (ruleCount >= 6) {
            rules.add(new GeneratedRule(RuleKind.FIREHOSE_DENY, null, true, false, "#"));
            rules.add(new GeneratedRule(RuleKind.PLACEHOLDER, null, true, true, "devices/${clientid}/#"));
            rules.add(new GeneratedRule(RuleKind.PLACEHOLDER, null, false, true, "telemetry/${username}/+"));
        }
        while (rules.size() < ruleCount - 1) {
            rules.add(drawn(rules.size(), random));
        }
        rules.add(user(ruleCount - 1));
        return new GeneratedPolicy(rules, seed);
    }

    private static GeneratedRule drawn(int index, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return user(index);
        }
        if (roll < 85) {
            return new GeneratedRule(RuleKind.CLIENT, "dev-" + index, true, true, "site/dev-" + index + "/#");
        }
        // The shared, regex and CIDR rules reuse a bounded set of subjects, as a real fleet would:
        // a few hundred regions, teams and subnets, not one per rule.
        int group = random.nextInt(256);
        if (roll < 90) {
            return new GeneratedRule(RuleKind.SHARED, null, true, false, "broadcast/r" + group + "/" + index + "/#");
        }
        if (roll < 94) {
            return new GeneratedRule(RuleKind.REGEX, "^ops-" + group + "-", true, false, "ops/" + index + "/+/alerts");
        }
        if (roll < 98) {
            return new GeneratedRule(RuleKind.CIDR, "10." + group + "." + (index % 256) + ".0/24", false, true,
                    "plant/" + index + "/+/status");
        }
        return new GeneratedRule(RuleKind.DENY, GeneratedPolicy.username(index), false, true,
                "fleet/" + GeneratedPolicy.username(index) + "/+/blocked");
    }

    private static GeneratedRule user(int index) {
        String username = GeneratedPolicy.username(index);
        return new GeneratedRule(RuleKind.USER, username, true, true, "fleet/" + username + "/+/telemetry");
    }
}
