package io.topicguard.auth.chain;

/**
 * {@code trust-username: true}: any presented username is taken at its word, with no password
 * check. For tests and closed networks only (the broker warns at startup). A client without a
 * username is ignored, so it is still subject to the policy's anonymous setting.
 */
final class TrustUsernameAuthenticator implements Authenticator {

    @Override
    public String name() {
        return "trust-username";
    }

    @Override
    public Answer authenticate(ConnectCredentials credentials) {
        return credentials.username() == null ? Answer.ignore("no username") : Answer.allow();
    }
}
