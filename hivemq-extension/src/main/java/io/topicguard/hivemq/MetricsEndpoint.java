package io.topicguard.hivemq;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.topicguard.auth.config.MetricsConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} on the {@code metrics:} address of {@code topicguard.yaml}, for Prometheus:
 * the extension's own decision counts beside whatever HiveMQ exports itself. The JDK's HTTP
 * server, on one thread of its own: nothing of HiveMQ's is shared.
 */
final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "topicguard-metrics");
        t.setDaemon(true);
        return t;
    });

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    static MetricsEndpoint start(MetricsConfig config, DecisionCounts counts) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        MetricsEndpoint endpoint = new MetricsEndpoint(server);
        server.createContext("/metrics", exchange -> answer(exchange, counts));
        server.setExecutor(endpoint.thread);
        server.start();
        return endpoint;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, DecisionCounts counts) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = counts.prometheusText().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
