package io.topicguard.dsl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation must not lie: every {@code ```acl} block of README.md (which holds the
 * language reference) and of every docs/*.md parses, and every {@code ```acl-error} block (an
 * example of a mistake) is rejected.
 */
class PolicyLanguageDocTest {

    /** Surefire runs in the module directory; the documentation lives at the repository root. */
    private static final Path ROOT = Path.of("..");

    private static final Pattern BLOCK = Pattern.compile("^```(acl|acl-error)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern INCLUDE = Pattern.compile("include\\s+\"([^\"]+)\"");

    @TempDir
    Path includes;

    private record Block(String file, String kind, int line, String text) {
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static List<Block> blocks(Path document) throws IOException {
        String doc = Files.readString(document, StandardCharsets.UTF_8);
        String name = ROOT.relativize(document).toString();
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            int line = (int) doc.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(name, m.group(1), line, m.group(2)));
        }
        return blocks;
    }

    @TestFactory
    List<DynamicTest> everyExampleParsesAndEveryErrorExampleFails() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path document : documents()) {
            blocks.addAll(blocks(document));
        }
        List<Block> readme = blocks.stream().filter(b -> b.file().equals("README.md")).toList();
        assertThat(readme).as("examples in README.md (the language reference lives there)").hasSizeGreaterThan(20);
        assertThat(readme).anyMatch(b -> b.kind().equals("acl-error"));
        return blocks.stream().map(block -> DynamicTest.dynamicTest(
                block.kind() + " block at " + block.file() + ":" + block.line(), () -> check(block))).toList();
    }

    private void check(Block block) throws IOException {
        // Include examples name files of a layout the reader imagines; give them empty stand-ins.
        Matcher m = INCLUDE.matcher(block.text());
        while (m.find()) {
            Path file = includes.resolve(m.group(1));
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        }
        ParseResult result = PolicyParser.parseString(block.file() + ":" + block.line(), block.text(), includes);
        if (block.kind().equals("acl")) {
            assertThat(result).as(() -> "example should parse:\n" + block.text() + "\n" + describe(result))
                    .isInstanceOf(ParseResult.Success.class);
        } else {
            assertThat(result).as(() -> "error example should be rejected:\n" + block.text())
                    .isInstanceOf(ParseResult.Failure.class);
        }
    }

    private static String describe(ParseResult result) {
        return result instanceof ParseResult.Failure f
                ? f.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n"))
                : "";
    }
}
