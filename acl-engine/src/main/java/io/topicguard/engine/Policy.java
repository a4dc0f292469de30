package io.topicguard.engine;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.imports.PolicyImporter;
import io.topicguard.engine.trie.PlaceholderValues;
import io.topicguard.engine.trie.TopicIndex;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled, immutable policy. Thread-safe: share one instance between all connections and swap
 * it atomically on reload.
 *
 * <pre>{@code
 * Policy policy = Policy.load(Path.of("policy.acl"));
 * ClientBinding client = policy.bind(ClientInfo.builder("sensor-1").username("alice").build());
 * if (client.connect().allowed() && client.publish("devices/sensor-1/up", 1, false).allowed()) { ... }
 * }</pre>
 *
 * <p>Compiling groups rules by who-expression into tries keyed by topic level, indexed by exact
 * username, client id and CN; {@link #bind} picks a client's groups once, so a check costs a few
 * hash lookups per topic level whatever the number of rules.
 *
 * <p>Every way in ({@link #load}, {@link #fromString}, {@link #compile}) throws the same checked
 * {@link PolicyLoadException}, with every problem located in the policy's files.
 */
public final class Policy {

    private final PolicyCompiler.Compiled compiled;
    private final Decision defaultDecision;
    /** {@link #defaultDecision} as a partial subscription's answer, made once rather than per check. */
    private final Decision partialDefaultDecision;
    private final Decision anonymousDecision;
    private final OnDeny onDeny;
    private final OnPartial onPartial;
    private final List<PolicyFile> files;
    private final Clock clock;
    private final @Nullable ClientRulesPosition clientRules;

    private Policy(PolicyAst ast, Clock clock) {
        this.compiled = new PolicyCompiler().compile(ast);
        Map<Setting.Kind, SettingStatement> written = PolicyCompiler.settingStatements(ast);
        Map<Setting.Kind, Setting> settings = PolicyCompiler.settings(written);
        this.defaultDecision = PolicyCompiler.defaultDecision(written);
        this.partialDefaultDecision = defaultDecision.partial();
        this.anonymousDecision = PolicyCompiler.anonymousDecision(written);
        this.onDeny = settings.get(Setting.Kind.ON_DENY) == Setting.ON_DENY_DISCONNECT ? OnDeny.DISCONNECT : OnDeny.IGNORE;
        this.onPartial = settings.get(Setting.Kind.PARTIAL) == Setting.PARTIAL_DENY ? OnPartial.DENY : OnPartial.FILTER;
        this.files = ast.files().stream().map(f -> new PolicyFile(f.displayName(), f.path(), f.sha256())).toList();
        this.clock = clock;
        this.clientRules = ClientRulesPosition.of(ast);
    }

    /**
     * Parses and compiles the native policy {@code file} and its includes.
     *
     * @throws PolicyLoadException with every located problem when the policy does not load
     */
    public static Policy load(Path file) throws PolicyLoadException {
        return fromParse(PolicyParser.parseFile(file), Clock.systemUTC());
    }

    /**
     * Reads {@code file} in {@code format} (a mosquitto acl_file, an EMQX acl.conf or a native
     * policy; null: chosen from the file name by {@link PolicyFormat#forFile}) and compiles it.
     * Import warnings are not errors; {@link PolicyImporter} returns them.
     *
     * @throws PolicyLoadException with every located problem when the file does not load
     */
    public static Policy load(Path file, @Nullable PolicyFormat format) throws PolicyLoadException {
        return fromParse(PolicyImporter.parse(file, format).result(), Clock.systemUTC());
    }

    /**
     * Parses and compiles policy text; {@code sourceName} appears in sources; includes are refused.
     *
     * @throws PolicyLoadException with every located problem when the text does not load
     */
    public static Policy fromString(String sourceName, String text) throws PolicyLoadException {
        return fromParse(PolicyParser.parseString(sourceName, text, null), Clock.systemUTC());
    }

    private static Policy fromParse(ParseResult result, Clock clock) throws PolicyLoadException {
        if (result instanceof ParseResult.Failure failure) {
            throw new PolicyLoadException(failure.diagnostics());
        }
        return compile(((ParseResult.Success) result).policy(), clock);
    }

    /**
     * Compiles a policy parsed (or imported, or built) beforehand; bans are compared with the
     * system clock. See {@link #compile(PolicyAst, Clock)}.
     *
     * @throws PolicyLoadException when a rule topic is beyond the compiled form's limits
     */
    public static Policy compile(PolicyAst ast) throws PolicyLoadException {
        return compile(ast, Clock.systemUTC());
    }

    /**
     * Compiles a policy parsed (or imported, or built) beforehand; bans are compared with
     * {@code clock} at connect time.
     *
     * @throws PolicyLoadException when a rule topic has more than 256 levels (the tries are walked
     *                             one stack frame per level), located at that topic
     */
    public static Policy compile(PolicyAst ast, Clock clock) throws PolicyLoadException {
        Objects.requireNonNull(ast, "ast");
        Objects.requireNonNull(clock, "clock");
        List<Diagnostic> beyondLimits = PolicyLimits.problems(ast);
        if (!beyondLimits.isEmpty()) {
            throw new PolicyLoadException(beyondLimits);
        }
        return new Policy(ast, clock);
    }

    /**
     * Binds a client: evaluates every who-expression that can hold for it once and returns the
     * object that answers that client's questions. Cost proportional to the who-groups that can apply
     * to the client (found by its username, client id, CN, listener, address and the literals its
     * regexes need, plus the expressions no index can narrow, such as {@code all}), not to the
     * whole policy.
     */
    public ClientBinding bind(ClientInfo client) {
        Objects.requireNonNull(client, "client");
        List<TopicIndex> indexes = new ArrayList<>();
        compiled.rules().forEachMatch(client, indexes::add);
        List<GuardedStatement> bans = new ArrayList<>(1);
        compiled.bans().forEachMatch(client, bans::add);
        bans.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        GuardedStatement[] superuser = new GuardedStatement[1];
        compiled.superusers().forEachMatch(client, s -> {
            if (superuser[0] == null || s.ordinal() < superuser[0].ordinal()) {
                superuser[0] = s;
            }
        });
        return new ClientBinding(this, client, indexes.toArray(TopicIndex[]::new),
                new PlaceholderValues(client.username(), client.clientId(), client.commonName()),
                bans.toArray(GuardedStatement[]::new),
                superuser[0] == null ? null : superuser[0].decision());
    }

    /**
     * Binds a client with the rules its authentication carried ({@link ClientRules#of}): they are
     * evaluated where the policy's {@code client rules} statement stands in first-match order, and
     * ignored when the policy has no such statement. Superusers and bans are unchanged by them
     * (docs/semantics.md, Client rules). {@code bind(client, ClientRules.NONE)} is {@link #bind(ClientInfo)}.
     */
    public ClientBinding bind(ClientInfo client, ClientRules carried) {
        Objects.requireNonNull(carried, "carried");
        ClientBinding plain = bind(client);
        if (carried.isEmpty() || clientRules == null) {
            return plain;
        }
        return new ClientBinding(plain, new BoundClientRules(carried, clientRules));
    }

    /** Whether the policy has a {@code client rules} statement, so that carried rules take part in its decisions. */
    public boolean usesClientRules() {
        return clientRules != null;
    }

    /** Shorthand for {@code bind(client).connect()}. */
    public Decision connect(ClientInfo client) {
        return bind(client).connect();
    }

    /** The {@code on deny} setting ({@link OnDeny#IGNORE} when the policy is silent). */
    public OnDeny onDeny() {
        return onDeny;
    }

    /** The {@code partial} setting ({@link OnPartial#FILTER} when the policy is silent). */
    public OnPartial onPartial() {
        return onPartial;
    }

    /** Whether a publish or delivery no rule decides is allowed: {@code default allow} (silent policy: false). */
    public boolean allowsByDefault() {
        return defaultDecision.allowed();
    }

    /** Whether a client without username may connect: {@code anonymous allow} (silent policy: false). */
    public boolean allowsAnonymous() {
        return anonymousDecision.allowed();
    }

    /** The files the policy was read from, the main file first (empty for a hand-built AST). */
    public List<PolicyFile> files() {
        return files;
    }

    /**
     * Every rule (allow/deny statement), includes expanded, in file order, as the decision it gives
     * when it decides: its verdict, source and statement. What coverage ({@code topicguard test})
     * and reviews of a policy list.
     */
    public List<Decision> rules() {
        return List.of(compiled.ruleDecisions());
    }

    /** Number of rules (allow/deny statements), includes expanded. */
    public int ruleCount() {
        return compiled.ruleCount();
    }

    Decision defaultDecision() {
        return defaultDecision;
    }

    Decision partialDefaultDecision() {
        return partialDefaultDecision;
    }

    /** What each rule answers when it decides, by ordinal (place in file order). Not to be changed. */
    Decision[] ruleDecisions() {
        return compiled.ruleDecisions();
    }

    Decision anonymousDecision() {
        return anonymousDecision;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "Policy[" + compiled.ruleCount() + " rules in " + compiled.whoGroups() + " who-groups, "
                + compiled.rules().generalCount() + " evaluated for every client]";
    }
}
