package io.topicguard.dsl;

import java.nio.file.Path;

/**
 * Reads the policy language of DESIGN.md §2 into an immutable {@link io.topicguard.dsl.ast.PolicyAst}.
 *
 * <p>Never throws for any input: every problem, however malformed the input, comes back as a
 * located {@link Diagnostic} in a {@link ParseResult.Failure}. Thread-safe and stateless.
 *
 * <pre>{@code
 * switch (PolicyParser.parseFile(Path.of("policy.acl"))) {
 *     case ParseResult.Success ok -> use(ok.policy());
 *     case ParseResult.Failure bad -> bad.diagnostics().forEach(d -> System.err.println(d.format()));
 * }
 * }</pre>
 */
public final class PolicyParser {

    private PolicyParser() {
    }

    /**
     * Parses {@code file} and every file it includes (relative to the including file).
     * The file's name as given is used in positions.
     */
    public static ParseResult parseFile(Path file) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Parses policy text given in memory.
     *
     * @param sourceName the name used in positions, e.g. {@code "<string>"}
     * @param baseDir    the directory includes are resolved against, or null to forbid includes
     */
    public static ParseResult parseString(String sourceName, String text, Path baseDir) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
