package io.topicguard.auth.chain;

import io.topicguard.auth.config.AuthenticatorConfig;
import io.topicguard.auth.config.HttpAuthConfig;
import io.topicguard.auth.config.JwtConfig;
import io.topicguard.auth.config.PasswordFileConfig;
import io.topicguard.auth.config.TrustUsernameConfig;
import io.topicguard.auth.http.HttpAuthenticator;
import io.topicguard.auth.jwt.JwtAuthenticator;
import io.topicguard.auth.password.PasswordFileException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds authenticators from the configuration's {@code authentication:} entries, in order. When
 * a kind appears more than once, the second is named {@code jwt#2} and so on, so the trace tells
 * them apart.
 */
public final class Authenticators {

    private Authenticators() {
    }

    /**
     * @throws AuthenticatorSetupException naming the file and cause when one cannot be built
     *                                     (those already built are closed)
     */
    public static List<Authenticator> create(List<AuthenticatorConfig> configs, Clock clock) throws AuthenticatorSetupException {
        List<Authenticator> built = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            for (AuthenticatorConfig config : configs) {
                Authenticator authenticator = create(config, clock);
                int n = seen.merge(authenticator.name(), 1, Integer::sum);
                built.add(n == 1 ? authenticator : new Renamed(authenticator.name() + "#" + n, authenticator));
            }
        } catch (AuthenticatorSetupException | RuntimeException e) {
            built.forEach(Authenticator::close);
            throw e;
        }
        return List.copyOf(built);
    }

    /**
     * {@code trust-username}: admits any presented username without a password check. For tests
     * and closed networks only; whoever configures it should say so with a WARN at startup.
     */
    public static Authenticator trustUsername() {
        return new TrustUsernameAuthenticator();
    }

    /** The authenticator one entry describes. */
    public static Authenticator create(AuthenticatorConfig config, Clock clock) throws AuthenticatorSetupException {
        if (config instanceof PasswordFileConfig p) {
            try {
                return PasswordFileAuthenticator.load(p.file());
            } catch (PasswordFileException e) {
                throw new AuthenticatorSetupException(e.getMessage(), e);
            }
        }
        if (config instanceof JwtConfig j) {
            return JwtAuthenticator.create(j, clock);
        }
        if (config instanceof HttpAuthConfig h) {
            return HttpAuthenticator.create(h);
        }
        if (config instanceof TrustUsernameConfig) {
            return new TrustUsernameAuthenticator();
        }
        throw new IllegalArgumentException("unknown authenticator configuration " + config);
    }

    /** The same authenticator under the name the trace shows. */
    record Renamed(String name, Authenticator delegate) implements Authenticator {
        @Override
        public Answer authenticate(ConnectCredentials credentials) {
            return delegate.authenticate(credentials);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
