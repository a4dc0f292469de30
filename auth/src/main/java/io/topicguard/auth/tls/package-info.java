/**
 * Certificates and keys from PEM files, for the programs that serve TLS (the broker's listener,
 * the decision service's HTTPS): {@link io.topicguard.auth.tls.PemContents} reads a file with
 * BouncyCastle (PKCS#8, PKCS#1 and SEC1 keys), {@link io.topicguard.auth.tls.CertificateChecks}
 * finds at start what the JDK would report late and vaguely (an expired certificate, a key that
 * does not match), {@link io.topicguard.auth.tls.TrustStores} turns CA certificates into trust
 * managers. Every problem is one {@link io.topicguard.auth.tls.PemException} line that names the
 * file. No Netty: each program builds its own {@code SslContext} from what this package reads.
 * Needs bcpkix, an optional dependency of this module that a program using the package declares.
 */
package io.topicguard.auth.tls;
