package io.topicguard.cli;

import io.topicguard.auth.config.AuthenticatorConfig;
import io.topicguard.auth.config.ConfigException;
import io.topicguard.auth.config.ConfigurationLoader;
import io.topicguard.auth.config.HttpAuthConfig;
import io.topicguard.auth.config.JwtConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lint --config FILE} needs from the broker's configuration: the authenticators that
 * can carry rules (docs/language.md, Client rules), so a policy that would ignore them is warned about.
 */
final class LintConfiguration {

    private LintConfiguration() {
    }

    /**
     * The kinds ({@code jwt}, {@code http}) of the configured authenticators that can carry rules, in chain order.
     *
     * @throws ConfigException with every located problem of the file
     */
    static List<String> ruleCarriers(Path config) throws ConfigException {
        return ConfigurationLoader.load(config).authentication().stream()
                .filter(LintConfiguration::carriesRules)
                .map(AuthenticatorConfig::kind)
                .toList();
    }

    private static boolean carriesRules(AuthenticatorConfig authenticator) {
        return authenticator instanceof JwtConfig || authenticator instanceof HttpAuthConfig;
    }
}
