package io.topicguard.dsl.check;

import java.util.Collection;

/** "Did you mean ...?" for misspelt keywords and placeholder names. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word} by edit distance, or by being a prefix of it
     * ({@code user} → {@code username}), or null when nothing is plausibly meant.
     */
    public static String closest(String word, Collection<String> candidates) {
        if (word.length() > 40) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = candidate.startsWith(word) && word.length() >= 2 ? 1 : distance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Allow one edit for short words, two for longer ones: further than that is a different word.
        int allowed = word.length() <= 4 ? 1 : 2;
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
