package io.topicguard.broker.tls;

import java.nio.file.Path;

/**
 * The TLS listener's files as given on the command line (docs/cli.md). Nothing is checked here:
 * {@link TlsContextFactory#serverContext(TlsOptions)} checks everything and reports the first
 * problem as one line.
 *
 * @param certFile          PEM file with the server certificate first, then any intermediates
 *                          ({@code --cert})
 * @param keyFile           PEM file with the server's unencrypted private key: PKCS#8, PKCS#1 RSA
 *                          or SEC1 EC ({@code --key}); may be the same file as {@code certFile}
 * @param caFile            PEM bundle that client certificates are verified against, or null
 *                          ({@code --cafile}); when given, clients may present a certificate
 * @param requireClientCert refuse clients without a verified certificate (needs {@code caFile})
 *                          ({@code --require-client-cert})
 */
public record TlsOptions(Path certFile, Path keyFile, Path caFile, boolean requireClientCert) {
}
