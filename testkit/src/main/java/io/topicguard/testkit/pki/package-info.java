/** Throwaway certificate authorities, server and client certificates for TLS tests. */
package io.topicguard.testkit.pki;
