package io.topicguard.broker.auth;

/**
 * How a CONNECT's identity is derived, as mosquitto's options of the same names do:
 *
 * @param usernameAsClientId  {@code use_username_as_clientid}: the client id is replaced by the
 *                            username (a client without one is refused, 0x87 / 5), so one user
 *                            cannot take over another's session by choosing its client id
 * @param identityAsUsername  {@code use_identity_as_username}: the username is the common name of
 *                            the verified TLS client certificate, and the certificate is the
 *                            credential (the authentication chain is not asked; a client without
 *                            a certificate is refused, 0x87 / 5)
 */
public record IdentityOptions(boolean usernameAsClientId, boolean identityAsUsername) {

    /** Identities as the client presents them. */
    public static final IdentityOptions AS_PRESENTED = new IdentityOptions(false, false);
}
