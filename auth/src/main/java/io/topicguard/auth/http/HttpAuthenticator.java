package io.topicguard.auth.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.auth.config.HttpAuthConfig;
import io.topicguard.auth.internal.SuperuserFlag;
import io.topicguard.engine.ClientRule;
import io.topicguard.auth.rules.CarriedRuleException;
import io.topicguard.auth.rules.CarriedRules;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * {@code http}: asks an HTTP authentication service with EMQX 5's contract, so an existing EMQX
 * service works unchanged. The request is the configured URL and body (POST, JSON) or query
 * (GET) with the placeholders filled. The answer:
 *
 * <ul>
 *   <li>{@code 200} with JSON {@code {"result": "allow"|"deny"|"ignore", "is_superuser": bool,
 *       "acl": [...], "expire_at": epoch-seconds}};</li>
 *   <li>{@code 204}: allow;</li>
 *   <li>any other status, a timeout, a refused connection or a malformed body: ignore, with the
 *       cause (the service could not be asked, so it knows nothing of the client);</li>
 *   <li>an allow whose {@code acl} holds a malformed rule: deny, naming the rule.</li>
 * </ul>
 *
 * At most {@code pool} requests are in flight; a request waits for a free slot no longer than
 * the timeout. Thread-safe.
 */
public final class HttpAuthenticator implements Authenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An answer is a few hundred bytes; anything far larger is not one. */
    private static final int MAX_BODY = 64 * 1024;

    private final HttpAuthConfig config;
    private final HttpClient http;
    private final Semaphore slots;

    private HttpAuthenticator(HttpAuthConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout()).build();
        this.slots = new Semaphore(config.pool(), true);
    }

    /**
     * @throws AuthenticatorSetupException when a configured header cannot be sent (the JDK
     *                                     refuses to let callers set {@code Host}, {@code Connection} ...)
     */
    public static HttpAuthenticator create(HttpAuthConfig config) throws AuthenticatorSetupException {
        HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://localhost/"));
        for (Map.Entry<String, String> header : config.headers().entrySet()) {
            try {
                probe.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw new AuthenticatorSetupException("http authenticator: header '" + header.getKey() + "' cannot be set: " + e.getMessage(), e);
            }
        }
        return new HttpAuthenticator(config);
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Answer authenticate(ConnectCredentials credentials) {
        // One deadline for waiting on a free connection and for the request, so "timeout: 2s" bounds the whole answer.
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try {
            if (!slots.tryAcquire(config.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return Answer.ignore("all " + config.pool() + " connections busy for " + seconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.ignore("interrupted");
        }
        try {
            HttpRequest request;
            Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
            try {
                request = request(RequestTemplate.values(credentials), remaining);
            } catch (IllegalArgumentException e) {
                // Not e's message: it may quote the URL with the password filled in.
                return Answer.ignore("cannot build the request: the url is not valid once its placeholders are filled");
            }
            return answer(send(request, remaining));
        } catch (HttpTimeoutException e) {
            return Answer.ignore("timed out after " + seconds() + " (" + host() + ")");
        } catch (ConnectException e) {
            return Answer.ignore("cannot connect to " + host() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (IOException e) {
            return Answer.ignore("request failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.ignore("interrupted");
        } finally {
            slots.release();
        }
    }

    /**
     * Sends and reads the whole answer within {@code timeout}: the client's own request timeout
     * stops at the response headers, and a service that sends headers and then stalls must not
     * hold a chain worker.
     */
    private Response send(HttpRequest request, Duration timeout) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Response(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no complete answer in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private record Response(int status, byte[] body) {
        boolean tooLarge() {
            return body.length > MAX_BODY;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Requests waiting for a free connection right now. */
    int waiting() {
        return slots.getQueueLength();
    }

    /** host:port of the service, for causes (the URL's path may hold a password placeholder; the host does not). */
    private String host() {
        URI uri = URI.create(config.url().replaceAll("\\$\\{[^}]*}", "x"));
        return uri.getHost() + ":" + port(uri);
    }

    private Answer answer(Response response) {
        if (response.status() == 204) {
            return Answer.allow();
        }
        if (response.status() != 200) {
            return Answer.ignore("HTTP " + response.status());
        }
        if (response.tooLarge()) {
            return Answer.ignore("malformed response: larger than " + MAX_BODY / 1024 + " KiB");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.text());
        } catch (JsonProcessingException e) {
            return Answer.ignore("malformed response: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (body == null || !body.isObject()) {
            return Answer.ignore("malformed response: expected a JSON object, found " + clip(response.text()));
        }
        JsonNode result = body.get("result");
        if (result == null || !result.isTextual()) {
            return Answer.ignore("malformed response: no \"result\" string");
        }
        switch (result.textValue()) {
            case "deny":
                return Answer.deny("service said deny");
            case "ignore":
                return Answer.ignore("service said ignore");
            case "allow":
                return allow(body);
            default:
                return Answer.ignore("malformed response: result \"" + clip(result.textValue()) + "\" is not allow, deny or ignore");
        }
    }

    private static Answer allow(JsonNode body) {
        JsonNode superuserValue = body.get("is_superuser");
        Boolean superuser = SuperuserFlag.read(superuserValue);
        if (superuser == null) {
            return Answer.ignore("malformed response: is_superuser must be true or false, found " + superuserValue);
        }
        JsonNode expireAt = body.get("expire_at");
        Instant expiresAt = null;
        if (expireAt != null && !expireAt.isNull()) {
            if (!expireAt.canConvertToLong()) {
                return Answer.ignore("malformed response: expire_at must be seconds since the epoch, found " + expireAt);
            }
            expiresAt = Instant.ofEpochSecond(expireAt.longValue());
        }
        List<ClientRule> rules;
        try {
            rules = CarriedRules.parse(body.get("acl"));
        } catch (CarriedRuleException e) {
            return Answer.deny("acl: " + e.getMessage());
        }
        return new Answer.Allow(superuser, rules, expiresAt);
    }

    private HttpRequest request(Map<String, String> values, Duration timeout) {
        UnaryOperator<String> urlEncode = RequestTemplate::urlEncode;
        String url = RequestTemplate.fill(config.url(), values, urlEncode);
        HttpRequest.Builder builder;
        if (config.method() == HttpAuthConfig.Method.GET) {
            StringJoiner query = new StringJoiner("&");
            for (Map.Entry<String, String> field : config.body().entrySet()) {
                query.add(RequestTemplate.urlEncode(field.getKey()) + "=" + RequestTemplate.fill(field.getValue(), values, urlEncode));
            }
            String full = query.length() == 0 ? url : url + (url.contains("?") ? "&" : "?") + query;
            builder = HttpRequest.newBuilder(URI.create(full)).GET();
        } else {
            ObjectNode json = JSON.createObjectNode();
            for (Map.Entry<String, String> field : config.body().entrySet()) {
                // Jackson writes the JSON string escapes, so a quote in a password cannot break out.
                json.put(field.getKey(), RequestTemplate.fill(field.getValue(), values, UnaryOperator.identity()));
            }
            builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.toString()));
        }
        builder.timeout(timeout).header("Accept", "application/json");
        config.headers().forEach(builder::header);
        return builder.build();
    }

    private String seconds() {
        long millis = config.timeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    @Override
    public String toString() {
        return "HttpAuthenticator[" + config + "]";
    }
}
