package io.topicguard.dsl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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
 * The documentation must not lie: every {@code ```acl} block of README.md and of every docs/*.md
 * (docs/language.md holds the language reference) parses, and every {@code ```acl-error} block (an
 * example of a mistake) is rejected with exactly the diagnostics the {@code ```text} block right
 * after it shows, as if the example were a file named {@code policy.acl}.
 */
class PolicyLanguageDocTest {

    /** Surefire runs in the module directory; the documentation lives at the repository root. */
    private static final Path ROOT = Path.of("..");

    /** An error example's diagnostics are shown as if the example were this file. */
    private static final String ERROR_EXAMPLE_FILE = "policy.acl";

    private static final Pattern BLOCK = Pattern.compile(
            "^```(acl|acl-error)\\n(.*?)^```\\n(?:\\s*^```text\\n(.*?)^```$)?", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern INCLUDE = Pattern.compile("include\\s+\"([^\"]+)\"");

    @TempDir
    Path includes;

    /** @param shown the diagnostics shown after an error example, or null when none are */
    private record Block(String file, String kind, int line, String text, String shown) {
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Block> blocks(String name, String doc) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            int line = (int) doc.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(name, m.group(1), line, m.group(2), m.group(3)));
        }
        return blocks;
    }

    private static List<Block> allBlocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path document : documents()) {
            blocks.addAll(blocks(ROOT.relativize(document).toString(), Files.readString(document, StandardCharsets.UTF_8)));
        }
        return blocks;
    }

    @TestFactory
    List<DynamicTest> everyExampleParsesAndEveryErrorExampleFailsAsShown() throws IOException {
        List<Block> blocks = allBlocks();
        List<Block> reference = blocks.stream().filter(b -> b.file().equals(Path.of("docs", "language.md").toString())).toList();
        assertThat(reference).as("examples in docs/language.md (the language reference)").hasSizeGreaterThan(20);
        assertThat(reference).anyMatch(b -> b.kind().equals("acl-error"));
        assertThat(blocks).as("examples in README.md").anyMatch(b -> b.file().equals("README.md"));
        return blocks.stream().map(block -> DynamicTest.dynamicTest(
                block.kind() + " block at " + block.file() + ":" + block.line(), () -> check(block))).toList();
    }

    /** The block pattern itself: an error example without its diagnostics is not an example a reader can use. */
    @Test
    void anErrorExampleMustShowItsDiagnostics() {
        List<Block> shown = blocks("doc.md", "```acl-error\nallow\n```\n\n```text\npolicy.acl:1:6: error: x\n```\n");
        List<Block> missing = blocks("doc.md", "```acl-error\nallow\n```\n\nSome words.\n\n```text\nlater\n```\n");

        assertThat(shown).singleElement().extracting(Block::shown).isEqualTo("policy.acl:1:6: error: x\n");
        assertThat(missing).singleElement().extracting(Block::shown).isNull();
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
        if (block.kind().equals("acl")) {
            ParseResult result = PolicyParser.parseString(block.file() + ":" + block.line(), block.text(), includes);
            assertThat(result).as(() -> "example should parse:\n" + block.text() + "\n" + describe(result))
                    .isInstanceOf(ParseResult.Success.class);
            return;
        }
        ParseResult result = PolicyParser.parseString(ERROR_EXAMPLE_FILE, block.text(), includes);
        assertThat(result).as(() -> "error example should be rejected:\n" + block.text())
                .isInstanceOf(ParseResult.Failure.class);
        assertThat(block.shown()).as("the ```text block with the diagnostics right after the error example").isNotNull();
        assertThat(describe(result) + "\n").as("diagnostics of\n" + block.text()).isEqualTo(block.shown());
    }

    private static String describe(ParseResult result) {
        return result instanceof ParseResult.Failure f
                ? f.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n"))
                : "";
    }
}
