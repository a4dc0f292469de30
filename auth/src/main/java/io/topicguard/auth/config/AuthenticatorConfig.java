package io.topicguard.auth.config;

/**
 * One entry of {@code authentication:}, the ordered chain a CONNECT is walked through. The
 * {@link #kind()} is the key it was written with and the name the chain's trace uses.
 */
public sealed interface AuthenticatorConfig
        permits PasswordFileConfig, JwtConfig, HttpAuthConfig, TrustUsernameConfig {

    /** {@code password-file}, {@code jwt}, {@code http} or {@code trust-username}. */
    String kind();
}
