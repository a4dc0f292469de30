package io.topicguard.engine;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.engine.trie.PlaceholderValues;
import io.topicguard.engine.trie.TopicIndex;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
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
 */
public final class Policy {

    private final PolicyCompiler.Compiled compiled;
    private final Decision defaultDecision;
    private final Decision anonymousDecision;
    private final Map<Setting.Kind, Setting> settings = new EnumMap<>(Setting.Kind.class);
    private final List<SourceFile> files;
    private final Clock clock;

    private Policy(PolicyAst ast, Clock clock) {
        this.compiled = new PolicyCompiler().compile(ast);
        Map<Setting.Kind, SettingStatement> written = PolicyCompiler.settingStatements(ast);
        this.defaultDecision = PolicyCompiler.defaultDecision(written);
        this.anonymousDecision = PolicyCompiler.anonymousDecision(written);
        settings.putAll(PolicyCompiler.settings(written));
        this.files = ast.files();
        this.clock = clock;
    }

    /**
     * Parses and compiles {@code file} and its includes.
     *
     * @throws PolicyLoadException with every located problem when the policy does not parse
     */
    public static Policy load(Path file) throws PolicyLoadException {
        return fromParse(PolicyParser.parseFile(file));
    }

    /**
     * Reads {@code file} in {@code format} (a mosquitto acl_file, an EMQX acl.conf or a native
     * policy; null: chosen from the file name) and compiles it. Import warnings are not errors;
     * {@link io.topicguard.dsl.imports.PolicyImporter} returns them.
     *
     * @throws PolicyLoadException with every located problem when the file does not parse
     */
    public static Policy load(Path file, io.topicguard.dsl.PolicyFormat format) throws PolicyLoadException {
        return fromParse(io.topicguard.dsl.imports.PolicyImporter.parse(file, format).result());
    }

    /**
     * Parses and compiles policy text; {@code sourceName} appears in positions; includes are refused.
     *
     * @throws PolicyLoadException with every located problem when the text does not parse
     */
    public static Policy fromString(String sourceName, String text) throws PolicyLoadException {
        return fromParse(PolicyParser.parseString(sourceName, text, null));
    }

    private static Policy fromParse(ParseResult result) throws PolicyLoadException {
        if (result instanceof ParseResult.Failure failure) {
            throw new PolicyLoadException(failure.diagnostics());
        }
        PolicyAst ast = ((ParseResult.Success) result).policy();
        List<io.topicguard.dsl.Diagnostic> beyondLimits = PolicyLimits.problems(ast);
        if (!beyondLimits.isEmpty()) {
            throw new PolicyLoadException(beyondLimits);
        }
        // Limits checked just above: compile(ast) would scan every rule topic a second time.
        return new Policy(ast, Clock.systemUTC());
    }

    /** Compiles a parsed policy; bans are compared with the system clock. See {@link #compile(PolicyAst, Clock)}. */
    public static Policy compile(PolicyAst ast) {
        return compile(ast, Clock.systemUTC());
    }

    /**
     * Compiles a parsed policy; bans are compared with {@code clock} at connect time.
     *
     * @throws IllegalArgumentException when a rule topic has more than 256 levels (the tries
     *                                  are walked one stack frame per level); {@link #load} and
     *                                  {@link #fromString} report this as a located error instead
     */
    public static Policy compile(PolicyAst ast, Clock clock) {
        Objects.requireNonNull(ast, "ast");
        Objects.requireNonNull(clock, "clock");
        List<io.topicguard.dsl.Diagnostic> beyondLimits = PolicyLimits.problems(ast);
        if (!beyondLimits.isEmpty()) {
            throw new IllegalArgumentException(beyondLimits.get(0).format());
        }
        return new Policy(ast, clock);
    }

    /**
     * Binds a client: evaluates every who-expression that can hold for it once and returns the
     * object that answers that client's questions. Cost proportional to the rules that can apply
     * to the client (its exact username/client id/CN groups plus the general expressions), not to
     * the whole policy.
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

    /** Shorthand for {@code bind(client).connect()}. */
    public Decision connect(ClientInfo client) {
        return bind(client).connect();
    }

    /** The value of a setting, or its secure default (docs/language.md) when the policy is silent. */
    public Setting setting(Setting.Kind kind) {
        return settings.get(kind);
    }

    /** The files the policy was read from, the main file first (empty for a hand-built AST). */
    public List<SourceFile> files() {
        return files;
    }

    /** Number of rules (allow/deny statements), includes expanded. */
    public int ruleCount() {
        return compiled.ruleCount();
    }

    Decision defaultDecision() {
        return defaultDecision;
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
