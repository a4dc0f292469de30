package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.SourcePosition;

import java.util.Collection;
import java.util.List;

/**
 * The lint warning that needs to know the broker's configuration, not only the policy
 * (docs/language.md, Lint warnings): an authenticator that can carry rules (a JWT's {@code acl}
 * claim, an HTTP answer's {@code acl} field) while the policy has no {@code client rules}
 * statement, so whatever those sources carry is silently ignored.
 *
 * <pre>{@code
 * List<Diagnostic> warnings = ClientRulesLint.ignoredCarriedRules(ast, List.of("jwt"));
 * }</pre>
 */
public final class ClientRulesLint {

    private ClientRulesLint() {
    }

    /**
     * One warning, at the start of the policy's main file, when {@code carriers} (the names of the
     * configured authenticators that can carry rules, e.g. {@code jwt}, {@code http}) is not empty
     * and the policy has no {@code client rules} statement; otherwise none.
     */
    public static List<Diagnostic> ignoredCarriedRules(PolicyAst policy, Collection<String> carriers) {
        if (carriers.isEmpty() || policy.clientRules().isPresent()) {
            return List.of();
        }
        String file = policy.files().isEmpty() ? "policy" : policy.files().get(0).displayName();
        SourcePosition start = new SourcePosition(file, 1, 1);
        List<String> names = carriers.stream().distinct().toList();
        String sources = String.join(" and ", names) + " authenticator" + (names.size() == 1 ? "" : "s");
        return List.of(new Diagnostic(Diagnostic.Severity.WARNING, start,
                "the policy has no 'client rules' statement, so the rules the " + sources + " can carry are ignored",
                new SourceLines(policy.files()).lineAt(start),
                "write 'client rules' where carried rules should be evaluated in first-match order, or remove the"
                        + " acl claim/field from the tokens or answers"));
    }
}
