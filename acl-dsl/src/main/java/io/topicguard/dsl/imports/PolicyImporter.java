package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.imports.common.ForeignFile;
import io.topicguard.dsl.imports.emqx.EmqxImporter;
import io.topicguard.dsl.imports.mosquitto.MosquittoImporter;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a rule file of any {@link PolicyFormat} into the same {@link io.topicguard.dsl.ast.PolicyAst}
 * the native language produces, so the engine, {@code check --explain} and {@code lint} work on a
 * mosquitto or EMQX file unchanged and quote its own lines.
 *
 * <p>Never throws for any input: problems come back as located diagnostics. Thread-safe and stateless.
 *
 * <pre>{@code
 * ImportResult imported = PolicyImporter.parse(Path.of("acl_file"), PolicyFormat.MOSQUITTO);
 * imported.warnings().forEach(w -> System.err.println(w.format()));
 * if (imported.result() instanceof ParseResult.Success ok) { use(ok.policy()); }
 * }</pre>
 */
public final class PolicyImporter {

    private PolicyImporter() {
    }

    /** Reads {@code file} as {@code format}; a null format means {@link PolicyFormat#forFile(Path)}. */
    public static ImportResult parse(Path file, @Nullable PolicyFormat format) {
        PolicyFormat chosen = format != null ? format : PolicyFormat.forFile(file);
        if (chosen == PolicyFormat.NATIVE) {
            return new ImportResult(PolicyParser.parseFile(file), List.of());
        }
        if (file == null) {
            return failure("<null>", "no rule file given");
        }
        return guarded(file.toString(), () -> importText(chosen, ForeignFile.read(file)));
    }

    /**
     * Reads rules given in memory. Native text may not include other files.
     *
     * @param sourceName the name used in positions; null or empty: {@code "<string>"}
     * @param format     null: native
     */
    public static ImportResult parseString(@Nullable String sourceName, String text, @Nullable PolicyFormat format) {
        String name = sourceName == null || sourceName.isEmpty() ? "<string>" : sourceName;
        if (format == null || format == PolicyFormat.NATIVE) {
            return new ImportResult(PolicyParser.parseString(name, text, null), List.of());
        }
        if (text == null) {
            return failure(name, "no rule text given");
        }
        return guarded(name, () -> importText(format,
                ForeignFile.fromBytes(name, null, text.getBytes(StandardCharsets.UTF_8))));
    }

    private static ImportResult importText(PolicyFormat format, ForeignFile.Read read) {
        if (read.problem() != null) {
            return failure(read.file().displayName(), read.problem());
        }
        return switch (format) {
            case MOSQUITTO -> MosquittoImporter.read(read.text(), read.file());
            case EMQX -> EmqxImporter.read(read.text(), read.file());
            case NATIVE -> throw new IllegalStateException("native policies are read by PolicyParser");
        };
    }

    private static ImportResult guarded(String name, java.util.function.Supplier<ImportResult> work) {
        try {
            return work.get();
        } catch (StackOverflowError e) {
            return failure(name, "rule file too deeply nested to read");
        } catch (OutOfMemoryError e) {
            return failure(name, "rule file too large to read in the available memory");
        } catch (RuntimeException e) {
            // A bug in topicguard, not in the file; still a diagnostic, never a stack trace.
            return failure(name, "internal error while importing (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it");
        }
    }

    private static ImportResult failure(String name, String message) {
        return new ImportResult(new ParseResult.Failure(List.of(new Diagnostic(Diagnostic.Severity.ERROR,
                new SourcePosition(name, 1, 1), message, "", null))), List.of());
    }
}
