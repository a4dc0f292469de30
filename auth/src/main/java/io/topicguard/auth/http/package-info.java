/**
 * The {@code http} authenticator: EMQX 5's HTTP authentication contract over the JDK's
 * {@link java.net.http.HttpClient} — a templated JSON body (POST) or query (GET), a timeout and a
 * bounded number of requests in flight; {@code 200} with {@code {"result", "is_superuser", "acl",
 * "expire_at"}}, {@code 204} as allow, and anything else (another status, a timeout, a refused
 * connection, a malformed body) as ignore with the cause.
 */
@NullMarked
package io.topicguard.auth.http;

import org.jspecify.annotations.NullMarked;
