package io.topicguard.broker.tls;

import io.netty.handler.ssl.SslContext;

/**
 * Builds the server's {@link SslContext} and fails fast, with one line naming the file and the
 * cause, on every common misconfiguration (missing, unreadable, not PEM, expired, key not
 * matching certificate, bad CA file).
 */
public final class TlsContextFactory {

    private TlsContextFactory() {
    }

    public static SslContext serverContext(TlsOptions options) throws TlsConfigException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
