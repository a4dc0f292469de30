package io.topicguard.engine.who;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientInfo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Values guarded by who-expressions, indexed so that the values whose expression can hold for a
 * client are found by hash lookups on its username, client id and CN (issue 2 §3).
 *
 * <p>An expression that implies {@code attr == v} for one of finitely many {@code v} (an exact
 * term, an {@code in [...]} list, a conjunction holding one of those, a disjunction of them) is
 * filed under each {@code v}; every other expression is "general" and is evaluated for every
 * client. Either way the whole expression is evaluated for each candidate, so the index only
 * decides which values are looked at, never which match.
 *
 * <p>Immutable once built; {@link #forEachMatch} is thread-safe.
 *
 * @param <T> what the expressions guard (a rule segment, a ban, a superuser statement)
 */
public final class WhoIndex<T> {

    /** Per attribute: value → the one {@link Entry} filed under it, or an {@code Entry[]} of several. */
    private final Map<Attribute, Map<String, Object>> byAttribute;
    private final List<Entry<T>> general;

    private WhoIndex(Map<Attribute, Map<String, Object>> byAttribute, List<Entry<T>> general) {
        this.byAttribute = byAttribute;
        this.general = general;
    }

    /** Calls {@code action} once for each value whose expression holds for {@code client}. */
    @SuppressWarnings("unchecked")
    public void forEachMatch(ClientInfo client, Consumer<T> action) {
        List<Entry<T>> candidates = new ArrayList<>();
        for (Map.Entry<Attribute, Map<String, Object>> index : byAttribute.entrySet()) {
            String value = WhoCompiler.attribute(client, index.getKey());
            Object filed = value == null ? null : index.getValue().get(value);
            if (filed instanceof Entry<?> one) {
                candidates.add((Entry<T>) one);
            } else if (filed != null) {
                for (Object entry : (Object[]) filed) {
                    candidates.add((Entry<T>) entry);
                }
            }
        }
        // An expression filed under two attributes (username "a" or clientid "b") is a candidate
        // twice; deduplicate by identity, which is cheap for the few candidates a client has.
        Set<Entry<T>> seen = candidates.size() > 1 ? java.util.Collections.newSetFromMap(new IdentityHashMap<>()) : null;
        for (Entry<T> candidate : candidates) {
            if ((seen == null || seen.add(candidate)) && candidate.predicate.test(client)) {
                action.accept(candidate.value);
            }
        }
        for (Entry<T> candidate : general) {
            if (candidate.predicate.test(client)) {
                action.accept(candidate.value);
            }
        }
    }

    /** How many values are evaluated for every client, whatever its attributes. */
    public int generalCount() {
        return general.size();
    }

    private record Entry<T>(WhoPredicate predicate, T value) {
    }

    /** Collects (expression, value) pairs; not thread-safe. */
    public static final class Builder<T> {
        private final WhoCompiler compiler;
        private final Map<Attribute, Map<String, Object>> byAttribute = new EnumMap<>(Attribute.class);
        private final List<Entry<T>> general = new ArrayList<>();

        public Builder(WhoCompiler compiler) {
            this.compiler = compiler;
        }

        /** Files {@code value} under {@code who}. */
        public Builder<T> add(Who who, T value) {
            Entry<T> entry = new Entry<>(compiler.compile(who), value);
            if (who instanceof Who.Equals eq) {
                // The common case of a million per-user rules: no key object.
                file(eq.attribute(), eq.value(), entry);
                return this;
            }
            Key key = indexKey(who);
            if (key == null) {
                general.add(entry);
            } else {
                key.values().forEach((attribute, values) -> values.forEach(v -> file(attribute, v, entry)));
            }
            return this;
        }

        private void file(Attribute attribute, String value, Entry<T> entry) {
            byAttribute.computeIfAbsent(attribute, a -> new HashMap<>()).merge(value, entry, (old, added) -> {
                if (old instanceof Entry<?>) {
                    return new Object[] {old, added};
                }
                Object[] grown = java.util.Arrays.copyOf((Object[]) old, ((Object[]) old).length + 1);
                grown[grown.length - 1] = added;
                return grown;
            });
        }

        public WhoIndex<T> build() {
            return new WhoIndex<>(byAttribute, List.copyOf(general));
        }
    }

    /**
     * A set of exact attribute values at least one of which a client must have for the expression
     * to hold, or null when there is no such finite set.
     */
    private record Key(Map<Attribute, Set<String>> values) {

        int size() {
            int n = 0;
            for (Set<String> v : values.values()) {
                n += v.size();
            }
            return n;
        }

        static Key of(Attribute attribute, List<String> values) {
            Map<Attribute, Set<String>> map = new EnumMap<>(Attribute.class);
            map.put(attribute, new LinkedHashSet<>(values));
            return new Key(map);
        }
    }

    private static Key indexKey(Who who) {
        if (who instanceof Who.Equals eq) {
            return Key.of(eq.attribute(), List.of(eq.value()));
        }
        if (who instanceof Who.In in) {
            return Key.of(in.attribute(), in.values());
        }
        if (who instanceof Who.And and) {
            // Any one conjunct's key is a key of the conjunction; the smallest files it least often.
            Key best = null;
            for (Who operand : and.operands()) {
                Key key = indexKey(operand);
                if (key != null && (best == null || key.size() < best.size())) {
                    best = key;
                }
            }
            return best;
        }
        if (who instanceof Who.Or or) {
            Map<Attribute, Set<String>> union = new EnumMap<>(Attribute.class);
            for (Who operand : or.operands()) {
                Key key = indexKey(operand);
                if (key == null) {
                    return null;
                }
                key.values().forEach((a, v) -> union.computeIfAbsent(a, x -> new LinkedHashSet<>()).addAll(v));
            }
            return new Key(union);
        }
        return null;
    }
}
