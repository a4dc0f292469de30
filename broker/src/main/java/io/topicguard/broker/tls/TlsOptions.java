package io.topicguard.broker.tls;

import java.nio.file.Path;

/**
 * The TLS listener's files as given on the command line (DESIGN.md §7).
 *
 * @param caFile            PEM bundle that client certificates are verified against, or null
 * @param requireClientCert refuse clients without a certificate (needs {@code caFile})
 */
public record TlsOptions(Path certFile, Path keyFile, Path caFile, boolean requireClientCert) {
}
