package io.topicguard.auth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A real HTTP server on an ephemeral loopback port (the JDK's), answering every request with
 * what the test's handler says, and keeping every request it saw.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** A request as the server received it. */
    public record Request(String method, URI uri, String contentType, String body, String header) {
    }

    /**
     * What to answer. A null body sends no body. With {@code stallUntil}, the headers promise one
     * byte more than the body holds, and the server waits for the latch before closing, as a
     * service that hangs mid-answer does.
     */
    public record Response(int status, String body, java.util.concurrent.CountDownLatch stallUntil) {
        public Response(int status, String body) {
            this(status, body, null);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Handler handler;

    /** {@code headerToKeep} names one request header the test wants to see (or null). */
    public LocalHttpServer(String headerToKeep, Handler handler) {
        this.handler = handler;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(exchange, headerToKeep));
        server.start();
    }

    private void serve(HttpExchange exchange, String headerToKeep) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body,
                    headerToKeep == null ? null : exchange.getRequestHeaders().getFirst(headerToKeep));
            requests.add(request);
            Response response;
            try {
                response = handler.handle(request);
            } catch (Exception e) {
                response = new Response(599, e.toString());
            }
            if (response.body() == null) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (response.stallUntil() != null) {
                    exchange.sendResponseHeaders(response.status(), bytes.length + 1);
                    exchange.getResponseBody().write(bytes);
                    exchange.getResponseBody().flush();
                    try {
                        response.stallUntil().await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                exchange.sendResponseHeaders(response.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    public void answer(Handler handler) {
        this.handler = handler;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
