package io.topicguard.engine.who;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientInfo;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Values guarded by who-expressions, indexed so that binding a client looks at the values whose
 * expression can hold for it, whatever the number of expressions (issue 2 §3, issue 20 item 1).
 *
 * <p>Each expression is filed under {@link Probe}s, at least one of which every client it holds
 * for hits: an exact username, client id or CN (hash), a listener name (hash), "no username", an
 * address block (a {@link PrefixTrie} of the peer's address), or a literal its attribute must
 * contain for a regex to find a match ({@link RequiredLiterals}, a {@link SubstringTrie}).
 * {@code and} is filed under one conjunct's probes, {@code or} under the union of every
 * disjunct's, and {@code not} is pushed inward (De Morgan) so that {@code not not x} and
 * {@code not (a or b)} index like what they mean. An expression with no probes (such as {@code all},
 * a negated term, or a regex without a known literal) is "general" and evaluated for every client.
 * Either way the whole expression is evaluated for each candidate, so the index only decides which
 * values are looked at, never which match.
 *
 * <p>Immutable once built; {@link #forEachMatch} is thread-safe.
 *
 * @param <T> what the expressions guard (a rule segment, a ban, a superuser statement)
 */
public final class WhoIndex<T> {

    /** Per attribute: value → the one {@link Entry} filed under it, or an {@code Object[]} of several. */
    private final Map<Attribute, Map<String, Object>> byAttribute;
    private final Map<Attribute, SubstringTrie> byLiteral;
    private final @Nullable PrefixTrie ipv4;
    private final @Nullable PrefixTrie ipv6;
    private final Map<String, Object> byListener;
    private final List<Entry<T>> anonymous;
    private final List<Entry<T>> general;

    private WhoIndex(Builder<T> built) {
        this.byAttribute = built.byAttribute;
        this.byLiteral = new EnumMap<>(Attribute.class);
        built.byLiteral.forEach((attribute, trie) -> byLiteral.put(attribute, trie.build()));
        this.ipv4 = built.ipv4.isEmpty() ? null : built.ipv4.build();
        this.ipv6 = built.ipv6.isEmpty() ? null : built.ipv6.build();
        this.byListener = built.byListener;
        this.anonymous = List.copyOf(built.anonymous);
        this.general = List.copyOf(built.general);
    }

    /** Calls {@code action} once for each value whose expression holds for {@code client}. */
    public void forEachMatch(ClientInfo client, Consumer<T> action) {
        List<Object> candidates = new ArrayList<>();
        Consumer<Object> candidate = candidates::add;
        for (Map.Entry<Attribute, Map<String, Object>> index : byAttribute.entrySet()) {
            String value = WhoCompiler.attribute(client, index.getKey());
            if (value != null) {
                addFiled(index.getValue().get(value), candidates);
            }
        }
        for (Map.Entry<Attribute, SubstringTrie> index : byLiteral.entrySet()) {
            String value = WhoCompiler.attribute(client, index.getKey());
            if (value != null) {
                index.getValue().forEachOccurring(value, candidate);
            }
        }
        if (client.listener() != null && !byListener.isEmpty()) {
            addFiled(byListener.get(client.listener()), candidates);
        }
        if (client.username() == null) {
            candidates.addAll(anonymous);
        }
        InetAddress peer = client.address();
        if (peer != null && (ipv4 != null || ipv6 != null)) {
            byte[] raw = peer.getAddress();
            byte[] embeddedV4 = raw.length == 16 ? IpPredicate.ipv4Mapped(raw) : null;
            // The same blocks IpPredicate compares with: a v4 peer with v4 blocks, a v6 peer with v6
            // blocks and, when it is v4-mapped, its embedded address with v4 blocks.
            if (ipv4 != null) {
                ipv4.forEachContaining(embeddedV4 != null ? embeddedV4 : raw, candidate);
            }
            if (ipv6 != null) {
                ipv6.forEachContaining(raw, candidate);
            }
        }
        // One expression can be found through several probes (username "a" or clientid "b", a
        // literal occurring twice); deduplicate by identity, cheap for the few candidates a client has.
        Set<Object> seen = candidates.size() > 1 ? Collections.newSetFromMap(new IdentityHashMap<>()) : null;
        for (Object found : candidates) {
            @SuppressWarnings("unchecked")
            Entry<T> entry = (Entry<T>) found;
            if ((seen == null || seen.add(entry)) && entry.predicate.test(client)) {
                action.accept(entry.value);
            }
        }
        for (Entry<T> entry : general) {
            if (entry.predicate.test(client)) {
                action.accept(entry.value);
            }
        }
    }

    private static void addFiled(@Nullable Object filed, List<Object> candidates) {
        if (filed instanceof Object[] several) {
            candidates.addAll(Arrays.asList(several));
        } else if (filed != null) {
            candidates.add(filed);
        }
    }

    /** How many values are evaluated for every client, whatever its attributes. */
    public int generalCount() {
        return general.size();
    }

    private record Entry<T>(WhoPredicate predicate, T value) {
    }

    /**
     * The predicate of an {@code username/clientid/cn "v"} expression filed under its exact value:
     * the lookup that finds the entry has compared the client's value already. One shared object
     * instead of one per expression (a million per-user rules held a million such predicates).
     */
    private static final WhoPredicate HELD_WHEN_FOUND = client -> true;

    /** Collects (expression, value) pairs; not thread-safe. */
    public static final class Builder<T> {
        private final WhoCompiler compiler;
        private final Map<Attribute, Map<String, Object>> byAttribute = new EnumMap<>(Attribute.class);
        private final Map<Attribute, SubstringTrie.Builder> byLiteral = new EnumMap<>(Attribute.class);
        private final PrefixTrie.Builder ipv4 = new PrefixTrie.Builder(4);
        private final PrefixTrie.Builder ipv6 = new PrefixTrie.Builder(16);
        private final Map<String, Object> byListener = new HashMap<>();
        private final List<Entry<T>> anonymous = new ArrayList<>();
        private final List<Entry<T>> general = new ArrayList<>();
        /** Literals per regex, read once however many rules repeat the regex. */
        private final Map<String, Probes> regexProbes = new HashMap<>();

        public Builder(WhoCompiler compiler) {
            this.compiler = compiler;
        }

        /** Files {@code value} under {@code who}. */
        public Builder<T> add(Who who, T value) {
            if (who instanceof Who.Equals eq) {
                // The common case of a million per-user rules: no probe objects, and no predicate of
                // its own, since the entry is found only by looking its value up.
                file(byAttribute.computeIfAbsent(eq.attribute(), a -> new HashMap<>()), eq.value(),
                        new Entry<>(HELD_WHEN_FOUND, value));
                return this;
            }
            Entry<T> entry = new Entry<>(compiler.compile(who), value);
            Probes probes = probes(who, false);
            if (probes == null) {
                general.add(entry);
                return this;
            }
            for (Probe probe : probes.all()) {
                if (probe instanceof Probe.Exact exact) {
                    file(byAttribute.computeIfAbsent(exact.attribute(), a -> new HashMap<>()), exact.value(), entry);
                } else if (probe instanceof Probe.Literal literal) {
                    byLiteral.computeIfAbsent(literal.attribute(), a -> new SubstringTrie.Builder()).add(literal.text(), entry);
                } else if (probe instanceof Probe.Block block) {
                    byte[] address = block.block().address();
                    (address.length == 4 ? ipv4 : ipv6).add(address, block.block().prefixLength(), entry);
                } else if (probe instanceof Probe.OnListener listener) {
                    file(byListener, listener.name(), entry);
                } else {
                    anonymous.add(entry);
                }
            }
            return this;
        }

        private static void file(Map<String, Object> index, String value, Object entry) {
            index.merge(value, entry, (old, added) -> {
                if (old instanceof Object[] several) {
                    Object[] grown = Arrays.copyOf(several, several.length + 1);
                    grown[several.length] = added;
                    return grown;
                }
                return new Object[] {old, added};
            });
        }

        public WhoIndex<T> build() {
            return new WhoIndex<>(this);
        }

        /**
         * Probes one of which every client {@code who} (negated when {@code negated}) holds for hits,
         * or null when there are none.
         */
        private @Nullable Probes probes(Who who, boolean negated) {
            if (who instanceof Who.Not not) {
                return probes(not.operand(), !negated);
            }
            if (who instanceof Who.And and) {
                return negated ? anyOf(and.operands(), true) : oneOf(and.operands(), false);
            }
            if (who instanceof Who.Or or) {
                return negated ? oneOf(or.operands(), true) : anyOf(or.operands(), false);
            }
            if (negated) {
                return null; // "not username x" holds for almost everyone: nothing to look up
            }
            if (who instanceof Who.Equals eq) {
                return Probes.of(Probes.EXACT, new Probe.Exact(eq.attribute(), eq.value()));
            }
            if (who instanceof Who.In in) {
                return Probes.of(Probes.EXACT, in.values().stream().map(v -> (Probe) new Probe.Exact(in.attribute(), v)).toList());
            }
            if (who instanceof Who.Ip ip) {
                return Probes.of(Probes.BLOCK, ip.blocks().stream().map(b -> (Probe) new Probe.Block(b)).toList());
            }
            if (who instanceof Who.Matches matches) {
                return regexProbes.computeIfAbsent(matches.attribute() + "~" + matches.pattern(), k -> {
                    List<String> literals = RequiredLiterals.of(matches.pattern());
                    return literals == null ? Probes.NONE
                            : Probes.of(Probes.LITERAL, literals.stream().map(l -> (Probe) new Probe.Literal(matches.attribute(), l)).toList());
                }).orNull();
            }
            if (who instanceof Who.Listener listener) {
                return Probes.of(Probes.COARSE, new Probe.OnListener(listener.name()));
            }
            if (who instanceof Who.Anonymous) {
                return Probes.of(Probes.COARSE, new Probe.NoUsername());
            }
            return null; // all
        }

        /** A conjunction: any one operand's probes will do; the most selective is taken. */
        private @Nullable Probes oneOf(List<Who> operands, boolean negated) {
            Probes best = null;
            for (Who operand : operands) {
                Probes probes = probes(operand, negated);
                if (probes != null && (best == null || probes.cost() < best.cost())) {
                    best = probes;
                }
            }
            return best;
        }

        /** A disjunction: every operand must have probes, and all of them are needed. */
        private @Nullable Probes anyOf(List<Who> operands, boolean negated) {
            Set<Probe> union = new LinkedHashSet<>();
            int kind = 0;
            for (Who operand : operands) {
                Probes probes = probes(operand, negated);
                if (probes == null) {
                    return null;
                }
                union.addAll(probes.all());
                kind = Math.max(kind, probes.kind());
            }
            return new Probes(kind, List.copyOf(union));
        }
    }

    /** Something about a client that a lookup can find. */
    private sealed interface Probe {
        record Exact(Attribute attribute, String value) implements Probe {
        }

        record Literal(Attribute attribute, String text) implements Probe {
        }

        record Block(IpBlock block) implements Probe {
        }

        record OnListener(String name) implements Probe {
        }

        record NoUsername() implements Probe {
        }
    }

    /**
     * The probes of an expression, and how selective the worst of them is: an exact value finds
     * few clients, a block or a literal more, a listener or "no username" a large share.
     */
    private record Probes(int kind, List<Probe> all) {
        static final int EXACT = 0;
        static final int BLOCK = 1;
        static final int LITERAL = 2;
        static final int COARSE = 3;
        static final Probes NONE = new Probes(-1, List.of());

        static Probes of(int kind, Probe probe) {
            return new Probes(kind, List.of(probe));
        }

        static Probes of(int kind, List<Probe> probes) {
            return new Probes(kind, probes);
        }

        long cost() {
            return (long) kind << 32 | all.size();
        }

        @Nullable Probes orNull() {
            return kind < 0 ? null : this;
        }
    }
}
