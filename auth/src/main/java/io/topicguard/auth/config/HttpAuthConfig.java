package io.topicguard.auth.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@code - http: {...}} — an HTTP authentication service with EMQX 5's contract. The {@code url}
 * (an http or https URL once its placeholders are filled) and the {@code body} values are templates over {@code ${username} ${password} ${clientid}
 * ${peerhost} ${cn} ${listener}}; with {@code method: get} the body's entries become the query.
 * At most {@code pool} requests are in flight at once.
 *
 * <p>{@link #toString()} never shows header values (they often hold credentials).
 */
public record HttpAuthConfig(String url, Method method, Map<String, String> headers, Map<String, String> body,
                             Duration timeout, int pool) implements AuthenticatorConfig {

    public enum Method { POST, GET }

    /** EMQX's default request body. */
    public static final Map<String, String> DEFAULT_BODY = Map.of("username", "${username}", "password", "${password}");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_POOL = 16;

    public HttpAuthConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
        Objects.requireNonNull(timeout, "timeout");
        if (pool < 1) {
            throw new IllegalArgumentException("pool must be at least 1, was " + pool);
        }
    }

    @Override
    public String kind() {
        return "http";
    }

    @Override
    public String toString() {
        return "HttpAuthConfig[url=" + url + ", method=" + method + ", headers=" + headers.keySet()
                + ", body=" + body + ", timeout=" + timeout + ", pool=" + pool + "]";
    }
}
