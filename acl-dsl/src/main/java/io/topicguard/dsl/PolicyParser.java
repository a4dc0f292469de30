package io.topicguard.dsl;

import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.read.PolicyReader;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the policy language of docs/language.md into an immutable {@link io.topicguard.dsl.ast.PolicyAst}.
 *
 * <p>Never throws for any input: every problem, however malformed the input, comes back as a
 * located {@link Diagnostic} in a {@link ParseResult.Failure}, all problems of all files at once.
 * Thread-safe and stateless.
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
     * The file's name as given is used in positions; included files are shown relative to it.
     */
    public static ParseResult parseFile(Path file) {
        String name = file == null ? "<null>" : file.toString();
        if (file == null) {
            return failure(name, "no policy file given");
        }
        try {
            return new PolicyReader().readFile(file);
        } catch (StackOverflowError | OutOfMemoryError e) {
            return failure(name, tooBig(e));
        } catch (RuntimeException e) {
            return failure(name, internal(e));
        }
    }

    /**
     * Parses policy text given in memory.
     *
     * @param sourceName the name used in positions; null or empty: {@code "<string>"}
     * @param baseDir    the directory includes are resolved against, or null to forbid includes
     */
    public static ParseResult parseString(@Nullable String sourceName, String text, @Nullable Path baseDir) {
        String name = sourceName == null || sourceName.isEmpty() ? "<string>" : sourceName;
        if (text == null) {
            return failure(name, "no policy text given");
        }
        try {
            return new PolicyReader().readString(name, text, baseDir);
        } catch (StackOverflowError | OutOfMemoryError e) {
            return failure(name, tooBig(e));
        } catch (RuntimeException e) {
            return failure(name, internal(e));
        }
    }

    private static String tooBig(Throwable e) {
        return e instanceof StackOverflowError
                ? "policy too deeply nested to parse"
                : "policy too large to parse in the available memory";
    }

    private static String internal(RuntimeException e) {
        // A bug in topicguard, not in the policy; still a diagnostic, never a stack trace.
        return "internal error while reading the policy (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it";
    }

    private static ParseResult failure(String name, String message) {
        return new ParseResult.Failure(List.of(new Diagnostic(Diagnostic.Severity.ERROR,
                new SourcePosition(name, 1, 1), message, "", null)));
    }
}
