package io.topicguard.auth.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration loader on any bytes: a configuration, or a {@link ConfigException} whose every
 * problem is at a line and column of the file, never another exception. The file is written
 * beside the files a configuration usually names, so paths that exist and paths that do not are
 * both reached.
 */
class ConfigurationLoaderFuzzTest {

    /** YAML ends a line at any of these (a CR LF pair counts once): the loader's lines are YAML's. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u0085\u2028\u2029]");

    private static final Path DIR = directoryWithTheUsualFiles();
    private static final Path FILE = DIR.resolve("topicguard.yaml");
    private static final Map<String, String> ENVIRONMENT = Map.of("SECRET", "s".repeat(32), "PORT", "1884");

    @FuzzTest(maxDuration = "10m")
    void load(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            assertThat(ConfigurationLoader.load(FILE, ENVIRONMENT::get)).isNotNull();
        } catch (ConfigException e) {
            String text = new String(input, StandardCharsets.UTF_8);
            String[] lines = LINE_BREAK.split(text, -1);
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.file()).as(p.toString()).isEqualTo(FILE.toString());
                assertThat(p.line()).as(p.toString()).isBetween(1, lines.length);
                assertThat(p.column()).as(p.toString()).isBetween(1, lines[p.line() - 1].length() + 1);
                assertThat(p.message()).as(p.toString()).isNotBlank();
            });
        }
    }

    private static Path directoryWithTheUsualFiles() {
        try {
            Path dir = Files.createTempDirectory("config-fuzz");
            for (String name : new String[] {"policy.acl", "passwd", "server.pem", "server.key", "ca.pem", "acl.conf"}) {
                Files.writeString(dir.resolve(name), "");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
