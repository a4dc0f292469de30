package io.topicguard.broker.protocol;

import io.netty.util.AttributeKey;

/**
 * What the pipeline knows about a connection before CONNECT, read when the client is bound to the
 * policy (DESIGN.md §3).
 */
public final class ChannelAttributes {

    /** The listener's name, {@code tcp} or {@code tls}: the policy's {@code listener} attribute. */
    public static final AttributeKey<String> LISTENER = AttributeKey.valueOf("topicguard.listener");

    /**
     * The common name of the verified TLS client certificate: the policy's {@code cn} attribute.
     * Set by the TLS handlers when the handshake completes, i.e. before any MQTT byte is read.
     */
    public static final AttributeKey<String> CLIENT_CERTIFICATE_CN = AttributeKey.valueOf("topicguard.clientCertificateCn");

    private ChannelAttributes() {
    }
}
