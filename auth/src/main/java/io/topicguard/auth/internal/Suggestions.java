package io.topicguard.auth.internal;

import org.jspecify.annotations.Nullable;

import java.util.Collection;

/**
 * "Did you mean ...?" for misspelt configuration keys, authenticator names and rule fields.
 * Distance counts a swap of two neighbouring letters as one edit ({@code bnid} → {@code bind}),
 * the commonest slip when typing a key by hand.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code word}, or null when none is plausibly what was meant. */
    public static @Nullable String closest(String word, Collection<String> candidates) {
        if (word.length() > 40) {
            return null;
        }
        // One slip in a short word, two in a longer one: more than that is another word.
        int allowed = word.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : candidates) {
            int distance = candidate.startsWith(word) && word.length() >= 3 ? 1 : distance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
