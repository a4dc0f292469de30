package io.topicguard.engine.lint;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Who;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cheap, conservative facts about who-expressions: "can never be true" and "always true" are
 * only claimed when they follow from the shape of the expression, never guessed.
 */
final class WhoAnalysis {

    private WhoAnalysis() {
    }

    /** True only when no client can satisfy {@code who}. */
    static boolean neverTrue(Who who) {
        if (who instanceof Who.Not not) {
            return alwaysTrue(not.operand());
        }
        if (who instanceof Who.Or or) {
            return or.operands().stream().allMatch(WhoAnalysis::neverTrue);
        }
        if (who instanceof Who.And and) {
            return and.operands().stream().anyMatch(WhoAnalysis::neverTrue) || contradictory(and.operands());
        }
        if (who instanceof Who.In in) {
            return in.values().isEmpty();
        }
        if (who instanceof Who.Ip ip) {
            return ip.blocks().isEmpty();
        }
        return false;
    }

    /** True only when every client satisfies {@code who}. */
    static boolean alwaysTrue(Who who) {
        if (who instanceof Who.All) {
            return true;
        }
        if (who instanceof Who.Not not) {
            return neverTrue(not.operand());
        }
        if (who instanceof Who.And and) {
            return and.operands().stream().allMatch(WhoAnalysis::alwaysTrue);
        }
        if (who instanceof Who.Or or) {
            List<Who> ops = or.operands();
            if (ops.stream().anyMatch(WhoAnalysis::alwaysTrue)) {
                return true;
            }
            return containsNegatedPair(ops); // X or not X
        }
        return false;
    }

    /** Whether every client {@code narrower} matches, {@code wider} matches too (syntactically). */
    static boolean covers(Who wider, Who narrower) {
        if (alwaysTrue(wider) || wider.equals(narrower)) {
            return true;
        }
        if (narrower instanceof Who.And and) {
            return and.operands().stream().anyMatch(op -> covers(wider, op));
        }
        if (wider instanceof Who.Or or) {
            return or.operands().stream().anyMatch(op -> covers(op, narrower));
        }
        return false;
    }

    /**
     * Whether some operand X has {@code not X} beside it. Hashed rather than compared pairwise: a
     * generated policy may hold an or-chain of many thousands of terms, and lint must stay linear.
     */
    /**
     * Whether every client {@code who} admits has a client id from a list the expression names,
     * together with a username or certificate common name from a list it names: each alternative of
     * a top-level {@code or} is a conjunction holding both a {@code clientid "..."} (or
     * {@code clientid in [...]}) and a {@code username}/{@code cn} one. Such a rule says itself
     * which identity may use which client id (docs/language.md, TG109).
     */
    static boolean tiesClientId(Who who) {
        List<Who> alternatives = who instanceof Who.Or or ? or.operands() : List.of(who);
        return alternatives.stream().allMatch(alternative -> {
            List<Who> conjuncts = alternative instanceof Who.And and ? and.operands() : List.of(alternative);
            return conjuncts.stream().anyMatch(w -> fixes(w, Attribute.CLIENTID))
                    && conjuncts.stream().anyMatch(w -> fixes(w, Attribute.USERNAME) || fixes(w, Attribute.CN));
        });
    }

    /** {@code attribute "v"} or {@code attribute in [...]}: the value is one of a written list. */
    private static boolean fixes(Who who, Attribute attribute) {
        return (who instanceof Who.Equals e && e.attribute() == attribute) || (who instanceof Who.In in && in.attribute() == attribute);
    }

    private static boolean containsNegatedPair(List<Who> operands) {
        Set<Who> present = new HashSet<>(operands);
        for (Who op : operands) {
            if (present.contains(new Who.Not(op))) {
                return true;
            }
        }
        return false;
    }

    /** Conjuncts that exclude each other: X and not X, anonymous and a username term, two different exact values. */
    private static boolean contradictory(List<Who> conjuncts) {
        boolean anonymous = false;
        boolean needsUsername = false;
        if (containsNegatedPair(conjuncts)) {
            return true; // X and not X
        }
        java.util.Map<Attribute, Set<String>> allowed = new java.util.EnumMap<>(Attribute.class);
        for (Who op : conjuncts) {
            if (op instanceof Who.Anonymous) {
                anonymous = true;
            }
            Attribute attribute = null;
            Set<String> values = null;
            if (op instanceof Who.Equals eq) {
                attribute = eq.attribute();
                values = Set.of(eq.value());
            } else if (op instanceof Who.In in) {
                attribute = in.attribute();
                values = new HashSet<>(in.values());
            } else if (op instanceof Who.Matches m) {
                needsUsername |= m.attribute() == Attribute.USERNAME;
            }
            if (attribute != null) {
                needsUsername |= attribute == Attribute.USERNAME;
                Set<String> remaining = allowed.get(attribute);
                if (remaining == null) {
                    remaining = new HashSet<>(values);
                    allowed.put(attribute, remaining);
                }
                remaining.retainAll(values);
                if (remaining.isEmpty()) {
                    return true;
                }
            }
        }
        return anonymous && needsUsername;
    }
}
