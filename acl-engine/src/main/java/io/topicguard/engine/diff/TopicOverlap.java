package io.topicguard.engine.diff;

import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Topic;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Whether two rule topics can match a common topic, over-approximated: a placeholder level (or one
 * holding a placeholder) matches any level, and {@code $}-topics are not told apart. Used only to
 * choose what {@code diff} asks, so answering "maybe" costs questions, never a missed change.
 */
final class TopicOverlap {

    private TopicOverlap() {
    }

    /** Whether a topic of {@code rule} overlaps a topic of one of {@code changed}. */
    static boolean any(RuleStatement rule, List<RuleStatement> changed) {
        for (RuleStatement other : changed) {
            for (Topic a : rule.topics()) {
                for (Topic b : other.topics()) {
                    if (overlap(text(a), text(b))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The filter or literal; null for {@code any}, which overlaps everything. */
    private static @Nullable String text(Topic topic) {
        if (topic instanceof Topic.Filter f) {
            return f.filter();
        }
        return topic instanceof Topic.Exact e ? e.topic() : null;
    }

    static boolean overlap(@Nullable String a, @Nullable String b) {
        if (a == null || b == null) {
            return true;
        }
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            if (x[i].equals("#") || y[i].equals("#")) {
                return true;
            }
            if (!wild(x[i]) && !wild(y[i]) && !x[i].equals(y[i])) {
                return false;
            }
        }
        // "a/#" also matches "a": a '#' right after the shorter one's end.
        return x.length == y.length
                || (x.length > n && x[n].equals("#") && x.length == n + 1)
                || (y.length > n && y[n].equals("#") && y.length == n + 1);
    }

    private static boolean wild(String level) {
        return level.equals("+") || level.contains("${");
    }
}
