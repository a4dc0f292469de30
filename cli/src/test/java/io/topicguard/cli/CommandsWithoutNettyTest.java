package io.topicguard.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code check}, {@code lint}, {@code test}, {@code convert} and {@code passwd} work with neither Netty nor the
 * broker on the class path: a policy author's tools must not drag in (or break on) the network
 * stack. Each command runs in a class loader built from this module's runtime class path minus
 * every Netty jar and the broker module, exactly as a trimmed distribution would run it.
 */
class CommandsWithoutNettyTest {

    private static URLClassLoader withoutNetty;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildClassLoader() throws MalformedURLException {
        // Surefire hands the test JVM a manifest-only jar; the real class path is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            boolean excluded = path.contains("/io/netty/")
                    || path.contains("/broker/target/") || path.contains("/broker-0")
                    || path.contains("/authz-server/target/") || path.contains("/authz-server-0")
                    || path.contains("/testkit/") || path.contains("/cli/target/test-classes");
            if (!excluded && !entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        withoutNetty = new URLClassLoader("without-netty", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void theClassLoaderReallyHasNeitherNettyNorTheBroker() {
        assertThatThrownBy(() -> withoutNetty.loadClass("io.netty.channel.Channel")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> withoutNetty.loadClass("io.topicguard.broker.server.Broker")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void checkExplains() throws Exception {
        Path policy = write("policy.acl", "allow username \"alice\" to publish \"a/#\"\n");
        Result run = run("", "check", "--policy", policy.toString(), "--username", "alice", "--publish", "a/b", "--explain");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out).startsWith("allow").contains("policy.acl:1");
    }

    @Test
    void lintLoadsAPolicy() throws Exception {
        Path policy = write("policy.acl", "default allow\n");
        Result run = run("", "lint", "--policy", policy.toString());
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out + run.err).contains("default allow");
    }

    @Test
    void testRunsExpectationsAndLintWritesSarif() throws Exception {
        Path policy = write("policy.acl", "allow username \"alice\" to publish \"a/#\"\n");
        Path tests = write("policy.acltest", "expect allow username \"alice\" publish \"a/b\"\n");
        Result test = run("", "test", "--policy", policy.toString(), tests.toString());
        assertThat(test.status).as(test.toString()).isZero();
        assertThat(test.out).startsWith("1 passed, 0 failed\n");
        Result sarif = run("", "lint", "--policy", policy.toString(), "--format", "sarif");
        assertThat(sarif.status).as(sarif.toString()).isZero();
        assertThat(sarif.out).contains("\"version\" : \"2.1.0\"");
    }

    @Test
    void convertPrintsTheNativePolicy() throws Exception {
        Path acl = write("mosquitto.acl", "user alice\ntopic write a/#\n");
        Result run = run("", "convert", "--from", "mosquitto", acl.toString());
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out).contains("username \"alice\"").contains("\"a/#\"");
    }

    @Test
    void passwdWritesAHash() throws Exception {
        Path file = dir.resolve("passwd");
        Result run = run("s3cret-password\n", "passwd", file.toString(), "alice");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(Files.readString(file)).startsWith("alice:$7$");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Result run(String stdin, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Class<?> command = withoutNetty.loadClass(TopicguardCommand.class.getName());
        Method execute = command.getMethod("execute", PrintWriter.class, PrintWriter.class, InputStream.class, String[].class);
        int status = (int) execute.invoke(null, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
        return new Result(status, out.toString(), err.toString());
    }
}
