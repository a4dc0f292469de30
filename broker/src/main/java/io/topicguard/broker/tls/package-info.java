/**
 * TLS for the broker's {@code tls} listener (docs/cli.md, {@code --tls-port --cert --key
 * [--cafile --require-client-cert]}).
 *
 * <p>Three public entry points, used by the broker's pipeline:
 * <ul>
 *   <li>{@link io.topicguard.broker.tls.TlsContextFactory#serverContext(TlsOptions)} reads the PEM
 *       files once at start and fails fast with one line naming the file and the cause
 *       ({@link io.topicguard.broker.tls.TlsConfigException});</li>
 *   <li>{@link io.topicguard.broker.tls.TlsHandlers#install} puts the {@code SslHandler} and the
 *       {@link io.topicguard.broker.tls.TlsHandshakeLogger} at the head of a channel's pipeline;
 *       the logger writes one line in words when a client's handshake fails;</li>
 *   <li>{@link io.topicguard.broker.tls.ClientCertificates#commonName(io.netty.channel.Channel)}
 *       gives the CN of the verified client certificate, which the broker hands to the policy as
 *       {@code cn} (docs/semantics.md, The client).</li>
 * </ul>
 * Everything else here is package-private machinery: the mapping of the JDK provider's
 * exceptions to words, and the trust manager that notes the refused client certificate. Reading
 * the PEM files and the start-up certificate checks are shared with the decision service
 * ({@code io.topicguard.auth.tls}); this package builds the broker's Netty context from them.
 */
package io.topicguard.broker.tls;
