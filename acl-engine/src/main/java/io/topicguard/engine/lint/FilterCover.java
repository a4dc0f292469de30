package io.topicguard.engine.lint;

import java.util.Arrays;
import java.util.List;

/**
 * Whether one rule filter provably covers another, placeholders included: a placeholder level is
 * covered only by {@code +}, {@code #} or the identical placeholder level, and never by a
 * first-level wildcard (a username may start with {@code $}, MQTT-4.7.2-1).
 */
final class FilterCover {

    private FilterCover() {
    }

    static boolean covers(String wider, String narrower) {
        List<String> f = Arrays.asList(wider.split("/", -1));
        // "#" and "+/#" match the same topics (every topic has a first level).
        List<String> s = narrower.equals("#") ? List.of("+", "#") : Arrays.asList(narrower.split("/", -1));
        String first = s.get(0);
        boolean mayStartWithDollar = first.startsWith("$") || (isTemplate(first) && first.startsWith("${"));
        if (isWildcard(f.get(0)) && !isWildcard(first) && mayStartWithDollar) {
            return false;
        }
        return coversFrom(f, s);
    }

    private static boolean coversFrom(List<String> f, List<String> s) {
        if (f.isEmpty()) {
            return s.isEmpty();
        }
        if (f.get(0).equals("#")) {
            return true;
        }
        if (s.isEmpty() || s.get(0).equals("#")) {
            return false;
        }
        String fl = f.get(0);
        String sl = s.get(0);
        boolean level = sl.equals("+") ? fl.equals("+") : (fl.equals("+") || fl.equals(sl));
        return level && coversFrom(f.subList(1, f.size()), s.subList(1, s.size()));
    }

    static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }

    static boolean isTemplate(String level) {
        return level.contains("${");
    }
}
