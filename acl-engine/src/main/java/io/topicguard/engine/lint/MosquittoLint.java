package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The lint warning for a policy that the decision service serves to mosquitto (docs/language.md,
 * Lint warnings; docs/integrations.md): mosquitto-go-auth's HTTP ACL check carries the topic and
 * the access but no QoS and no retain flag, so the service decides it as a QoS 0, not retained
 * message, and a rule's {@code qos} or {@code retain} option cannot be honoured for mosquitto.
 *
 * <pre>{@code
 * List<Diagnostic> warnings = MosquittoLint.unenforcedOptions(ast);
 * }</pre>
 */
public final class MosquittoLint {

    private MosquittoLint() {
    }

    /** One warning at every rule of {@code policy} that has a {@code qos} or {@code retain} option, in source order. */
    public static List<Diagnostic> unenforcedOptions(PolicyAst policy) {
        SourceLines lines = new SourceLines(policy.files());
        List<Diagnostic> warnings = new ArrayList<>();
        for (RuleStatement rule : policy.rules()) {
            String options = options(rule);
            if (options != null) {
                warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, rule.position(),
                        "mosquitto-go-auth asks without a QoS or retain flag, so for mosquitto this rule's " + options
                                + " not enforced: the service decides as if every message were QoS 0 and not retained",
                        lines.lineAt(rule.position()),
                        "limit QoS and retain in mosquitto.conf (max_qos, retain_available) instead, or keep this rule"
                                + " for the brokers that send them (EMQX, VerneMQ)"));
            }
        }
        return warnings;
    }

    private static @Nullable String options(RuleStatement rule) {
        boolean qos = !rule.qos().isAny();
        boolean retain = rule.retain() != Retain.ANY;
        if (qos && retain) {
            return "qos and retain options are";
        }
        if (qos) {
            return "qos option is";
        }
        return retain ? "retain option is" : null;
    }
}
