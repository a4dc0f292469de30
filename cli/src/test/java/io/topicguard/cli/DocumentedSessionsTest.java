package io.topicguard.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every terminal session shown in README.md and docs/*.md runs as shown. A session is a
 * {@code ```console} block: lines starting with {@code $ } are commands (a trailing {@code \}
 * continues one on the next line), the lines after a command are what it prints, standard error
 * and standard output as a terminal shows them.
 *
 * <p>Each block runs in real bash, in a fresh directory holding a copy of {@code examples/}, so
 * commands that write files ({@code passwd}) never touch the repository. {@code bin/topicguard}
 * and {@code topicguard} there run this module's classes (the jar is built after the tests), and
 * {@code $ cat FILE} shows a file the reader made: the test writes FILE with the shown content
 * before the session starts. A {@code $ } command naming topicguard outside a console block fails
 * the test, so no example escapes it.
 */
class DocumentedSessionsTest {

    /** Surefire runs in the module directory; the documentation lives at the repository root. */
    private static final Path ROOT = Path.of("..");

    private static final Pattern FENCE = Pattern.compile("^```([\\w-]*)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern CAT = Pattern.compile("cat ([\\w./-]+)");
    private static final Pattern PROMPT_TOPICGUARD = Pattern.compile("^\\$ (?:.*[|;&] *)?(?:\\S*/)?topicguard\\s", Pattern.MULTILINE);
    private static final String MARK = "@@doc-session-command-";

    @TempDir
    Path work;

    /** One command of a session and what it prints. */
    record Step(String command, String expected) {
    }

    /** A fenced block of a document. */
    record Block(String file, int line, String info, String text) {
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
        Matcher m = FENCE.matcher(doc);
        while (m.find()) {
            int line = (int) doc.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(name, line, m.group(1), m.group(2)));
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

    /** Splits a console block into its commands and their output. */
    static List<Step> steps(String session) {
        List<Step> steps = new ArrayList<>();
        StringBuilder command = null;
        StringBuilder output = new StringBuilder();
        boolean continued = false;
        String text = session.endsWith("\n") ? session.substring(0, session.length() - 1) : session;
        for (String line : text.split("\n", -1)) {
            if (continued) {
                command.append('\n').append(line);
                continued = line.endsWith("\\");
            } else if (line.startsWith("$ ")) {
                if (command != null) {
                    steps.add(new Step(command.toString(), output.toString()));
                }
                command = new StringBuilder(line.substring(2));
                output.setLength(0);
                continued = line.endsWith("\\");
            } else if (command != null) {
                output.append(line).append('\n');
            } else if (!line.isEmpty()) {
                throw new IllegalArgumentException("a console block starts with a '$ ' command, not: " + line);
            }
        }
        if (command != null) {
            steps.add(new Step(command.toString(), output.toString()));
        }
        return steps;
    }

    @TestFactory
    List<DynamicTest> everyDocumentedSessionRunsAsShown() throws IOException {
        List<Block> sessions = allBlocks().stream().filter(b -> b.info().equals("console")).toList();
        assertThat(sessions).as("console sessions in README.md").anyMatch(b -> b.file().equals("README.md"));
        assertThat(sessions).as("console sessions in docs/cli.md").filteredOn(b -> b.file().endsWith("cli.md")).hasSizeGreaterThan(5);
        return sessions.stream().map(b -> DynamicTest.dynamicTest("session at " + b.file() + ":" + b.line(), () -> run(b))).toList();
    }

    @Test
    void everyTopicguardCommandWithAPromptIsInASession() throws IOException {
        List<String> outside = allBlocks().stream()
                .filter(b -> !b.info().equals("console") && PROMPT_TOPICGUARD.matcher(b.text()).find())
                .map(b -> b.file() + ":" + b.line() + " (```" + b.info() + ")")
                .toList();

        assertThat(outside).as("blocks with '$ ... topicguard' that are not ```console blocks, so no test runs them").isEmpty();
    }

    @Test
    void aSessionIsSplitIntoCommandsAndTheirOutput() {
        List<Step> steps = steps("$ cat a.acl\ndefault deny\n$ bin/topicguard lint \\\n    --policy a.acl\na.acl: 0 rules, 0 warnings\n$ echo $?\n0\n");

        assertThat(steps).containsExactly(
                new Step("cat a.acl", "default deny\n"),
                new Step("bin/topicguard lint \\\n    --policy a.acl", "a.acl: 0 rules, 0 warnings\n"),
                new Step("echo $?", "0\n"));
    }

    private void run(Block block) throws Exception {
        List<Step> steps = steps(block.text());
        copyExamples();
        Path bin = launcher();
        StringBuilder script = new StringBuilder("exec 2>&1\nstatus=0\n");
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Matcher cat = CAT.matcher(step.command());
            if (cat.matches()) {
                // The reader made this file; the session shows its content.
                Path file = work.resolve(cat.group(1));
                Files.createDirectories(file.getParent());
                Files.writeString(file, step.expected(), StandardCharsets.UTF_8);
            }
            // The marker must not disturb $? for the next command: restore it in a subshell.
            script.append("printf '\\n").append(MARK).append(i).append("@@\\n'\n(exit $status)\n")
                    .append(step.command()).append("\nstatus=$?\n");
        }
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", script.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        shell.environment().put("PATH", bin.toAbsolutePath() + ":" + System.getenv("PATH"));
        Process bash = shell.start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the session finished").isTrue();

        for (int i = 0; i < steps.size(); i++) {
            String start = "\n" + MARK + i + "@@\n";
            String end = "\n" + MARK + (i + 1) + "@@\n";
            int from = output.indexOf(start);
            assertThat(from).as("command %d ran; whole output:\n%s", i, output).isNotNegative();
            int to = i + 1 < steps.size() ? output.indexOf(end, from) : output.length();
            String actual = output.substring(from + start.length(), to);
            Step step = steps.get(i);
            assertThat(stripTrailingNewlines(actual)).as("%s:%d: output of\n$ %s\n", block.file(), block.line(), step.command())
                    .isEqualTo(stripTrailingNewlines(step.expected()));
        }
    }

    private void copyExamples() throws IOException {
        Path examples = ROOT.resolve("examples");
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path source : files.toList()) {
                Path target = work.resolve("examples").resolve(examples.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** bin/topicguard and topicguard (on PATH) in the session's directory, running this module's classes. */
    private Path launcher() throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String launcher = "#!/bin/sh\n"
                + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path") + "' "
                + TopicguardCommand.class.getName() + " \"$@\"\n";
        Path file = bin.resolve("topicguard");
        Files.writeString(file, launcher, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }
}
