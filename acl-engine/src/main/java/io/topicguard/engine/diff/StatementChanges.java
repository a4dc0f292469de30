package io.topicguard.engine.diff;

import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Statement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements (includes expanded) added, removed and moved between two versions of a policy,
 * matched by their text as written (whitespace collapsed, comments dropped). A statement is moved
 * when it is in both but its place among the others changed: rules decide first-match, so a move
 * can change decisions. The fewest statements are called moved that explain the new order (the
 * others form the longest run kept in order).
 *
 * @param added   statements of the new version only, in its order
 * @param removed statements of the old version only, in its order
 * @param moved   statements of both whose relative order changed, in the new version's order
 */
public record StatementChanges(List<Statement> added, List<Statement> removed, List<Moved> moved) {

    public StatementChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        moved = List.copyOf(moved);
    }

    /** One statement in both versions, at its old and new place. */
    public record Moved(Statement before, Statement after) {
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && moved.isEmpty();
    }

    /** Every changed statement, old or new side: what a review of access looks at. */
    public List<Statement> all() {
        List<Statement> all = new ArrayList<>(added);
        all.addAll(removed);
        moved.forEach(m -> all.add(m.after()));
        return all;
    }

    public static StatementChanges between(PolicyAst before, PolicyAst after) {
        List<Statement> old = before.statements();
        List<Statement> now = after.statements();
        Map<String, ArrayDeque<Integer>> unmatched = new HashMap<>();
        for (int i = 0; i < old.size(); i++) {
            unmatched.computeIfAbsent(old.get(i).text(), t -> new ArrayDeque<>()).add(i);
        }
        List<Statement> added = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>(); // {old index, new index}, in new order
        for (int j = 0; j < now.size(); j++) {
            ArrayDeque<Integer> same = unmatched.get(now.get(j).text());
            if (same == null || same.isEmpty()) {
                added.add(now.get(j));
            } else {
                pairs.add(new int[]{same.poll(), j});
            }
        }
        boolean[] paired = new boolean[old.size()];
        pairs.forEach(p -> paired[p[0]] = true);
        List<Statement> removed = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            if (!paired[i]) {
                removed.add(old.get(i));
            }
        }
        boolean[] kept = longestIncreasingRun(pairs);
        List<Moved> moved = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            if (!kept[k]) {
                moved.add(new Moved(old.get(pairs.get(k)[0]), now.get(pairs.get(k)[1])));
            }
        }
        return new StatementChanges(added, removed, moved);
    }

    /** Marks a longest subsequence of {@code pairs} whose old indexes increase (patience sorting, n log n). */
    private static boolean[] longestIncreasingRun(List<int[]> pairs) {
        int n = pairs.size();
        int[] tails = new int[n]; // index into pairs of the smallest tail of a run of each length
        int[] previous = new int[n];
        int length = 0;
        for (int k = 0; k < n; k++) {
            int value = pairs.get(k)[0];
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (pairs.get(tails[mid])[0] < value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[k] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = k;
            length = Math.max(length, lo + 1);
        }
        boolean[] kept = new boolean[n];
        Arrays.fill(kept, false);
        for (int k = length > 0 ? tails[length - 1] : -1; k >= 0; k = previous[k]) {
            kept[k] = true;
        }
        return kept;
    }
}
