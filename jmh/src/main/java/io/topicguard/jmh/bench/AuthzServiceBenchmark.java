package io.topicguard.jmh.bench;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.config.HttpServerConfig;
import io.topicguard.authz.AuthzServer;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.jmh.policy.Position;
import io.topicguard.jmh.policy.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The decision service ({@code topicguard authz-server}, docs/integrations.md) over keep-alive
 * HTTP/1.1 on loopback, beside the same question asked in-process: what HTTP costs a decision.
 * Each benchmark thread holds one keep-alive connection; {@code /emqx/authz} asks the publish
 * question of the generated policy's last rule as EMQX renders it (QoS and retain as strings),
 * {@code /mosquitto/acl} the same topic at {@code acc} 2 (at 1 rule, a one-rule policy deciding it). The in-process benchmarks make
 * the same check with the client already bound, as the service does once it has seen the client.
 *
 * <p>Throughput is decisions per second; sample time gives p50 and p99.
 * Run: {@code java -jar jmh/target/benchmarks.jar AuthzServiceBenchmark -p rules=1,100000}
 * (the load generator's threads compete with the service's for the cores, so run it on a quiet machine).
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AuthzServiceBenchmark {

    @Param({"1", "100000"})
    public int rules;

    private Policy policy;
    private Query query;
    private ClientBinding emqxClient;
    private ClientBinding mosquittoClient;
    private AuthenticationChain chain;
    private AuthzServer server;
    byte[] emqxRequest;
    byte[] mosquittoRequest;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (rules == 1) {
            // The generator needs two rules (early and late): one rule deciding the same question instead.
            query = Policies.generated(2).publish(Position.LATE);
            policy = Policies.compile("allow username \"" + query.username() + "\" to publish \"fleet/+/+/telemetry\"\n", 1);
        } else {
            policy = Policies.compiled(rules);
            query = Policies.generated(rules).publish(Position.LATE);
        }
        emqxClient = policy.bind(ClientInfo.builder(query.clientId()).username(query.username()).address(query.clientInfo().address()).build());
        mosquittoClient = policy.bind(ClientInfo.builder(query.clientId()).username(query.username()).build());
        chain = new AuthenticationChain(List.of(), 1, 16);
        server = AuthzServer.start(new HttpServerConfig(0, "127.0.0.1", null), null, () -> policy, chain);
        emqxRequest = request("/emqx/authz", "{\"username\":\"" + query.username() + "\",\"clientid\":\"" + query.clientId()
                + "\",\"peerhost\":\"" + query.address() + "\",\"action\":\"publish\",\"topic\":\"" + query.topic()
                + "\",\"qos\":\"1\",\"retain\":\"false\"}");
        mosquittoRequest = request("/mosquitto/acl", "{\"username\":\"" + query.username() + "\",\"clientid\":\"" + query.clientId()
                + "\",\"topic\":\"" + query.topic() + "\",\"acc\":2}");
        // Refuse to measure a service that answers differently from the engine.
        try (Connection check = new Connection()) {
            check.open(this);
            expect("/emqx/authz", inProcessEmqx().allowed() ? "{\"result\":\"allow\"}" : "{\"result\":\"deny\"}", check.exchange(emqxRequest));
            expect("/mosquitto/acl", inProcessMosquitto().allowed() ? "{\"Ok\":true,\"Error\":\"\"}" : "\"Ok\":false",
                    check.exchange(mosquittoRequest));
        }
    }

    private static void expect(String endpoint, String expected, String answer) {
        if (!answer.contains(expected)) {
            throw new IllegalStateException(endpoint + " answered " + answer + ", the engine says " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        chain.close();
    }

    private int port() {
        return server.port();
    }

    private static byte[] request(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** One keep-alive connection per benchmark thread, speaking just enough HTTP/1.1 to read an answer. */
    @State(Scope.Thread)
    public static class Connection implements AutoCloseable {
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream(256);

        @Setup(Level.Trial)
        public void open(AuthzServiceBenchmark service) throws IOException {
            socket = new Socket("127.0.0.1", service.port());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        /** Sends one request and reads its whole answer; returns the body. */
        String exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            head.reset();
            int last = 0;
            while (last != 0x0D0A0D0A) { // the blank line after the headers
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the service closed the connection");
                }
                head.write(b);
                last = (last << 8) | b;
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int at = headers.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
            int end = headers.indexOf('\r', at);
            int length = Integer.parseInt(headers.substring(at + "content-length:".length(), end).trim());
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @TearDown(Level.Trial)
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Benchmark
    public String emqxAuthz(Connection connection) throws IOException {
        return connection.exchange(emqxRequest);
    }

    @Benchmark
    public String mosquittoAcl(Connection connection) throws IOException {
        return connection.exchange(mosquittoRequest);
    }

    /** The check {@code /emqx/authz} makes, in-process (the service keeps the client's binding between requests). */
    @Benchmark
    public Decision inProcessEmqx() {
        return emqxClient.publish(query.topic(), 1, false);
    }

    /** The check {@code /mosquitto/acl} with {@code acc} 2 makes, in-process. */
    @Benchmark
    public Decision inProcessMosquitto() {
        return mosquittoClient.publish(query.topic(), 0, false);
    }
}
