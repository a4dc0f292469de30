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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language reference must not lie: every {@code ```acl} block of docs/policy-language.md
 * parses, and every {@code ```acl-error} block (an example of a mistake) is rejected.
 */
class PolicyLanguageDocTest {

    /** Surefire runs in the module directory; the reference lives at the repository root. */
    private static final Path REFERENCE = Path.of("..", "docs", "policy-language.md");

    private static final Pattern BLOCK = Pattern.compile("^```(acl|acl-error)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern INCLUDE = Pattern.compile("include\\s+\"([^\"]+)\"");

    @TempDir
    Path includes;

    private record Block(String kind, int line, String text) {
    }

    private static List<Block> blocks() throws IOException {
        String doc = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            int line = (int) doc.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(m.group(1), line, m.group(2)));
        }
        return blocks;
    }

    @TestFactory
    List<DynamicTest> everyExampleParsesAndEveryErrorExampleFails() throws IOException {
        List<Block> blocks = blocks();
        assertThat(blocks).as("examples in " + REFERENCE).hasSizeGreaterThan(20);
        assertThat(blocks).anyMatch(b -> b.kind().equals("acl-error"));
        return blocks.stream().map(block -> DynamicTest.dynamicTest(
                block.kind() + " block at policy-language.md:" + block.line(), () -> check(block))).toList();
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
        ParseResult result = PolicyParser.parseString("policy-language.md:" + block.line(), block.text(), includes);
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
