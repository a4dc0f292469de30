package io.topicguard.jmh.load;

import java.util.List;

/**
 * Which configurations run in which round of a sweep. Every configuration runs in the first
 * {@code rounds}; mosquitto only in the first {@code mosquittoRounds}; topicguard at the fewest and
 * the most rules of the sweep (the two sides of each "100,000 rules ≥ 90% of one rule" target) in
 * the first {@code comparisonRounds}, which may be more than {@code rounds}.
 *
 * <p>Why the two ends get more rounds: those targets compare two runs of topicguard whose true
 * rates are equal to within the ACL check's ~50 ns a message, so only noise decides them, and a
 * fresh broker's rate differs by ±15 % from one start to the next on this 2-core VM. The median
 * of 7 starts leaves each such ratio about a one-in-ten chance to read below 0.9 on noise alone;
 * more starts of just those two configurations narrow it for a fraction of a whole round's time.
 */
record RoundPlan(int rounds, int mosquittoRounds, int comparisonRounds, int fewestRules, int mostRules) {

    RoundPlan {
        mosquittoRounds = Math.min(mosquittoRounds, rounds);
    }

    /** The plan for a sweep over {@code ruleCounts}. */
    static RoundPlan of(int rounds, int mosquittoRounds, int comparisonRounds, List<Integer> ruleCounts) {
        int fewest = ruleCounts.stream().mapToInt(Integer::intValue).min().orElse(0);
        int most = ruleCounts.stream().mapToInt(Integer::intValue).max().orElse(0);
        return new RoundPlan(rounds, mosquittoRounds, comparisonRounds, fewest, most);
    }

    /**
     * How many rounds the sweep loops over. A round after {@code rounds} runs only topicguard at the
     * fewest and most rules, so one runs nothing when topicguard is not among the brokers.
     */
    int total() {
        return Math.max(rounds, comparisonRounds);
    }

    /** Whether {@code broker} with {@code rules} rules runs in {@code round} (counted from 1). */
    boolean runs(String broker, int rules, int round) {
        if (broker.equals("mosquitto")) {
            return round <= mosquittoRounds;
        }
        if (broker.equals("topicguard") && (rules == fewestRules || rules == mostRules)) {
            return round <= total();
        }
        return round <= rounds;
    }
}
