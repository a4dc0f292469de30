package io.topicguard.cli;

import io.topicguard.auth.config.AuthenticatorConfig;
import io.topicguard.auth.config.ConfigException;
import io.topicguard.auth.config.Configuration;
import io.topicguard.auth.config.ConfigurationLoader;
import io.topicguard.auth.config.HttpAuthConfig;
import io.topicguard.auth.config.JwtConfig;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.engine.lint.ClientRulesLint;
import io.topicguard.engine.lint.MosquittoLint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lint warnings that depend on where a policy is served need from the configuration
 * (docs/language.md, Lint warnings): the authenticators that can carry rules (TG108), and whether
 * the policy is served by the decision service, which answers mosquitto-go-auth without a QoS or
 * retain flag (TG110).
 *
 * @param ruleCarriers    the kinds ({@code jwt}, {@code http}) of the configured authenticators that can carry rules, in chain order
 * @param decisionService the policy is served by {@code authz-server}: the file has an {@code http:} key, or it is {@code authz-server --check}
 */
record LintConfiguration(List<String> ruleCarriers, boolean decisionService) {

    /**
     * What {@code lint --config FILE} reads from {@code config}.
     *
     * @throws ConfigException with every located problem of the file
     */
    static LintConfiguration read(Path config) throws ConfigException {
        Configuration loaded = ConfigurationLoader.load(config);
        return of(loaded, loaded.http() != null);
    }

    static LintConfiguration of(Configuration config, boolean decisionService) {
        List<String> carriers = config.authentication().stream()
                .filter(LintConfiguration::carriesRules)
                .map(AuthenticatorConfig::kind)
                .toList();
        return new LintConfiguration(carriers, decisionService);
    }

    /** The warnings about {@code policy} served as this configuration serves it. */
    List<Diagnostic> warnings(PolicyAst policy) {
        List<Diagnostic> warnings = new ArrayList<>(ClientRulesLint.ignoredCarriedRules(policy, ruleCarriers));
        if (decisionService) {
            warnings.addAll(MosquittoLint.unenforcedOptions(policy));
        }
        return warnings;
    }

    private static boolean carriesRules(AuthenticatorConfig authenticator) {
        return authenticator instanceof JwtConfig || authenticator instanceof HttpAuthConfig;
    }
}
