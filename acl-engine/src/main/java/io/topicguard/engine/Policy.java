package io.topicguard.engine;

import io.topicguard.dsl.ast.PolicyAst;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A compiled, immutable policy. Thread-safe: share one instance between all connections and swap
 * it atomically on reload.
 *
 * <pre>{@code
 * Policy policy = Policy.load(Path.of("policy.acl"));
 * ClientBinding client = policy.bind(ClientInfo.builder("sensor-1").username("alice").build());
 * if (client.connect().allowed() && client.publish("devices/sensor-1/up", 1, false).allowed()) { ... }
 * }</pre>
 */
public final class Policy {

    /** Parses and compiles {@code file} and its includes. */
    public static Policy load(Path file) throws PolicyLoadException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Parses and compiles policy text; {@code sourceName} appears in positions; includes are refused. */
    public static Policy fromString(String sourceName, String text) throws PolicyLoadException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Compiles a parsed policy; bans are compared with the system clock. */
    public static Policy compile(PolicyAst ast) {
        return compile(ast, Clock.systemUTC());
    }

    /** Compiles a parsed policy; bans are compared with {@code clock} at connect/bind time. */
    public static Policy compile(PolicyAst ast, Clock clock) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Binds a client: evaluates every who-expression once for these attributes and returns the
     * object that answers that client's questions. Cost proportional to the rules that can apply
     * to the client, not to the whole policy.
     */
    public ClientBinding bind(ClientInfo client) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Shorthand for {@code bind(client).connect()}. */
    public Decision connect(ClientInfo client) {
        return bind(client).connect();
    }
}
