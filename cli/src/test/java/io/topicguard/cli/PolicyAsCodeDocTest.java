package io.topicguard.cli;

import io.topicguard.dsl.acltest.AclTestParser;
import io.topicguard.dsl.acltest.AclTestResult;
import io.topicguard.engine.lint.DiagnosticCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation of issue 21 must not lie: docs/language.md lists every diagnostic code with
 * its name and severity and no code that does not exist, and every {@code ```acltest} block of
 * README.md and docs/*.md parses.
 */
class PolicyAsCodeDocTest {

    /** Surefire runs in the module directory; the documentation lives at the repository root. */
    private static final Path ROOT = Path.of("..");
    private static final Pattern CODE_ROW = Pattern.compile("(?m)^\\| `(TG\\d{3})` \\| `([a-z0-9-]+)` \\| (error|warning) \\|");
    private static final Pattern ACLTEST = Pattern.compile("^```acltest\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void theLanguageReferenceListsEveryDiagnosticCodeAndNoOther() throws Exception {
        String language = Files.readString(ROOT.resolve("docs/language.md"), StandardCharsets.UTF_8);
        List<String> documented = new ArrayList<>();
        Matcher row = CODE_ROW.matcher(language);
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
        }
        List<String> codes = Arrays.stream(DiagnosticCode.values())
                .map(c -> c.id() + " " + c.slug() + " " + c.severity().name().toLowerCase(Locale.ROOT))
                .toList();
        assertThat(documented).containsExactlyElementsOf(codes);
    }

    @Test
    void everyTestFileExampleInTheDocumentationParses() throws Exception {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        int blocks = 0;
        for (Path document : documents) {
            Matcher block = ACLTEST.matcher(Files.readString(document, StandardCharsets.UTF_8));
            while (block.find()) {
                blocks++;
                AclTestResult result = AclTestParser.parseString(document.getFileName().toString(), block.group(1));
                assertThat(result).as("%s: ```acltest block %d parses: %s", document, blocks, result)
                        .isInstanceOf(AclTestResult.Success.class);
            }
        }
        assertThat(blocks).as("acltest examples in the documentation").isPositive();
    }
}
