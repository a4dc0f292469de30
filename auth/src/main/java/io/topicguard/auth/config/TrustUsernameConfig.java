package io.topicguard.auth.config;

/**
 * {@code - trust-username: true} — admits any client that presents a username, without checking
 * a password. For tests and closed networks; the broker warns at startup when it is configured
 * ({@link Configuration#trustsUsernames()}).
 */
public record TrustUsernameConfig() implements AuthenticatorConfig {
    @Override
    public String kind() {
        return "trust-username";
    }
}
