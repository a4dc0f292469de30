package io.topicguard.dsl.acltest;

import io.topicguard.dsl.ast.IpBlock;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * The client an expectation asks for. Attributes not written are absent: no username means an
 * anonymous client, no client id the empty one.
 *
 * @param address a single address (a full-length {@link IpBlock}), never resolved; null when not written
 */
public record TestClient(String clientId, @Nullable String username, @Nullable IpBlock address,
                         @Nullable String commonName, @Nullable String listener) {

    public TestClient {
        Objects.requireNonNull(clientId, "clientId");
    }
}
