package io.topicguard.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link between the repository's documents leads somewhere: the file exists inside the
 * repository and, for {@code file.md#anchor}, the file has a heading with that anchor (as GitHub
 * renders it). Links to the web are not followed.
 */
class DocLinksTest {

    /** Surefire runs in the module directory; the documentation lives at the repository root. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("^```.*?^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("jmh/README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyLinkBetweenDocumentsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            String text = FENCE.matcher(Files.readString(doc, StandardCharsets.UTF_8)).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("^[a-z]+:.*")) {
                    continue;
                }
                checked++;
                String problem = problem(doc, link);
                if (problem != null) {
                    broken.add(ROOT.relativize(doc) + ": (" + link + ") " + problem);
                }
            }
        }

        assertThat(checked).as("links checked").isGreaterThan(30);
        assertThat(broken).isEmpty();
    }

    @Test
    void anchorsAreSpelledAsGitHubRendersThem() {
        assertThat(anchor("`topicguard lint`: check a policy")).isEqualTo("topicguard-lint-check-a-policy");
        assertThat(anchor("`$SYS/topicguard/...`")).isEqualTo("systopicguard");
        assertThat(anchor("Options: qos and retain")).isEqualTo("options-qos-and-retain");
    }

    private static String problem(Path doc, String link) throws IOException {
        int hash = link.indexOf('#');
        String path = hash < 0 ? link : link.substring(0, hash);
        Path target = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
        if (!target.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        String wanted = link.substring(hash + 1);
        Set<String> anchors = new HashSet<>();
        Matcher h = HEADING.matcher(FENCE.matcher(Files.readString(target, StandardCharsets.UTF_8)).replaceAll(""));
        while (h.find()) {
            anchors.add(anchor(h.group(1)));
        }
        return anchors.contains(wanted) ? null : "no heading with that anchor";
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces become hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
