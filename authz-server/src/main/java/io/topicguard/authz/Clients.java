package io.topicguard.authz;

import io.topicguard.engine.ClientInfo;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;

/** The client a request asks about, as the policy sees it (docs/semantics.md, The client). */
final class Clients {

    private Clients() {
    }

    /**
     * An empty username is no username: EMQX renders an absent {@code ${username}} as {@code ""},
     * and VerneMQ sends {@code null}; either way the client is anonymous.
     */
    static ClientInfo client(@Nullable String clientId, @Nullable String username, @Nullable InetAddress address,
                             @Nullable String commonName, @Nullable String listener) {
        return ClientInfo.builder(clientId == null ? "" : clientId)
                .username(username == null || username.isEmpty() ? null : username)
                .address(address)
                .commonName(commonName == null || commonName.isEmpty() ? null : commonName)
                .listener(listener == null || listener.isEmpty() ? null : listener)
                .build();
    }
}
