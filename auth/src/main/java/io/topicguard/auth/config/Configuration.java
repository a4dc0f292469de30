package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A broker's configuration file, read and checked by {@link ConfigurationLoader}: immutable, with
 * every path already resolved against the file's directory. What the file leaves out is null
 * ({@code policy}, {@code metrics}, {@code http}, {@code decision-cache}, {@code sys-interval}, {@code limits})
 * or empty ({@code listeners}, {@code authentication}), so a command line can fill it in;
 * {@code persistence} is never null.
 *
 * @param decisionCache {@code decision-cache: true|false}, the broker's decision cache
 * @param sysInterval   {@code sys-interval: 10s}, how often {@code $SYS/topicguard/...} is published (zero: never)
 */
public record Configuration(Path file, @Nullable PolicyConfig policy, List<ListenerConfig> listeners,
                            List<AuthenticatorConfig> authentication, PersistenceConfig persistence,
                            @Nullable MetricsConfig metrics, @Nullable HttpServerConfig http,
                            @Nullable Boolean decisionCache, @Nullable Duration sysInterval,
                            @Nullable LimitsConfig limits) {

    public Configuration {
        Objects.requireNonNull(file, "file");
        listeners = List.copyOf(listeners);
        authentication = List.copyOf(authentication);
        Objects.requireNonNull(persistence, "persistence");
    }

    /**
     * Whether the chain holds {@code trust-username}, which admits any username without a
     * password: the broker says so with a WARN at startup.
     */
    public boolean trustsUsernames() {
        return authentication.stream().anyMatch(a -> a instanceof TrustUsernameConfig);
    }

    /** The listener called {@code name}, or null. */
    public @Nullable ListenerConfig listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }
}
