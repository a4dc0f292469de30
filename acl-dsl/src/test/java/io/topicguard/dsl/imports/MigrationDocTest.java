package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code ```acl} block of docs/migration.md is a policy that parses. */
class MigrationDocTest {

    @Test
    void everyAclBlockOfTheMigrationGuideParses() throws IOException {
        Path doc = Path.of("..", "docs", "migration.md");
        Matcher blocks = Pattern.compile("(?s)```acl\\n(.*?)```").matcher(Files.readString(doc));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        assertThat(found).as("acl blocks in " + doc).hasSizeGreaterThanOrEqualTo(2);
        for (String block : found) {
            ParseResult result = PolicyParser.parseString("migration.md", block, null);
            assertThat(result).as(() -> block + (result instanceof ParseResult.Failure f
                    ? f.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n")) : ""))
                    .isInstanceOf(ParseResult.Success.class);
        }
    }
}
