package io.topicguard.engine.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/library.md must not lie: its {@code ```java} example compiles against the engine and its
 * runtime dependencies alone, and run from the repository root it prints exactly the
 * {@code ```text} block that follows it.
 */
class DocumentedEmbeddingTest {

    /** Surefire runs in the module directory; the documentation and examples live at the repository root. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path GUIDE = ROOT.resolve("docs/library.md");

    private static final Pattern JAVA = Pattern.compile("^```java\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern PRINTED = Pattern.compile("^```text\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public class (\\w+)");

    @Test
    void theEmbeddingExampleCompilesRunsAndPrintsWhatTheGuideSays(@TempDir Path work) throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        Matcher java = JAVA.matcher(guide);
        assertThat(java.find()).as("a ```java block in %s", GUIDE).isTrue();
        Matcher printed = PRINTED.matcher(guide);
        assertThat(printed.find(java.end())).as("a ```text block after the example in %s", GUIDE).isTrue();
        String source = java.group(1);
        Matcher className = CLASS.matcher(source);
        assertThat(className.find()).as("the example declares a public class").isTrue();

        Path classes = Files.createDirectories(work.resolve("classes"));
        String classpath = engineClasspath();
        compile(work.resolve(className.group(1) + ".java"), source, classes, classpath);

        String out = run(className.group(1), classes + File.pathSeparator + classpath);
        assertThat(out).isEqualTo(printed.group(1));
    }

    /** The test's classpath without the tests themselves: the engine, the language and their dependencies. */
    private static String engineClasspath() {
        String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(all.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void compile(Path file, String source, Path classes, String classpath) throws IOException {
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(problems, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-classpath", classpath, "-d", classes.toString());
            boolean compiled = javac.getTask(null, files, problems, options, null, files.getJavaFileObjects(file)).call();
            assertThat(compiled).as("the example compiles:\n%s", problems.getDiagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"))).isTrue();
        }
    }

    /** Runs {@code mainClass} in a JVM of its own, from the repository root, and returns what it printed. */
    private static String run(String mainClass, String classpath) throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(javaBin.toString(), "-cp", classpath, mainClass)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the example ends").isTrue();
        assertThat(process.exitValue()).as("exit status; output:\n%s", out).isZero();
        return out;
    }
}
