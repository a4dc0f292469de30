package io.topicguard.broker.protocol;

import io.netty.util.AttributeKey;

/**
 * What the pipeline knows about a connection before CONNECT, read when the client is bound to the
 * policy (docs/semantics.md, The client). The TLS client certificate's CN is set by the TLS handlers, under
 * {@link io.topicguard.broker.tls.ClientCertificates#COMMON_NAME}.
 */
final class ChannelAttributes {

    /** The listener's name, {@code tcp} or {@code tls}: the policy's {@code listener} attribute. */
    static final AttributeKey<String> LISTENER = AttributeKey.valueOf("topicguard.listener");

    private ChannelAttributes() {
    }
}
