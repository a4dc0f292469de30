package io.topicguard.auth.chain;

import io.topicguard.auth.password.PasswordFile;

import java.util.Objects;

/**
 * {@code password-file}: a mosquitto-compatible password file as a link of the chain. An unknown
 * user is ignored (another source may know it); a known user with a wrong, empty or missing
 * password is denied.
 */
final class PasswordFileAuthenticator implements Authenticator {

    private final PasswordFile users;

    PasswordFileAuthenticator(PasswordFile users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public String name() {
        return "password-file";
    }

    @Override
    public Answer authenticate(ConnectCredentials credentials) {
        if (credentials.username() == null) {
            return Answer.ignore("no username");
        }
        byte[] password = credentials.password();
        return switch (users.verify(credentials.username(), password)) {
            case OK -> Answer.allow();
            case UNKNOWN_USER -> Answer.ignore("unknown user");
            case BAD_PASSWORD -> Answer.deny(password == null || password.length == 0 ? "no password" : "wrong password");
        };
    }
}
