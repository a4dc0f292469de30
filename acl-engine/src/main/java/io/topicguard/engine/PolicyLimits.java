package io.topicguard.engine;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.Topic;

import java.util.ArrayList;
import java.util.List;

/**
 * Limits of the compiled form, stated up front rather than discovered as a stack overflow on a
 * network thread: the tries are walked recursively, one frame per topic level.
 */
final class PolicyLimits {

    /** Rule filters deeper than this are refused; real topic trees are a few dozen levels at most. 1,000 levels overflowed the default thread stack once in a loaded test run (interpreted frames are large), so the bound keeps a wide margin. */
    static final int MAX_RULE_LEVELS = 256;

    private PolicyLimits() {
    }

    /** Every rule topic beyond the limits, as located errors. */
    static List<Diagnostic> problems(PolicyAst ast) {
        List<Diagnostic> problems = new ArrayList<>();
        for (Statement statement : ast.statements()) {
            if (statement instanceof RuleStatement rule) {
                for (Topic topic : rule.topics()) {
                    // A filter has at most one level more than it has characters: most need no count.
                    if (topic instanceof Topic.Filter filter && filter.filter().length() >= MAX_RULE_LEVELS
                            && levels(filter.filter()) > MAX_RULE_LEVELS) {
                        problems.add(new Diagnostic(Diagnostic.Severity.ERROR, filter.position(),
                                "a rule topic must not have more than " + MAX_RULE_LEVELS + " levels (this one has "
                                        + levels(filter.filter()) + ")", "", "shorten the topic, or end it with '#'"));
                    }
                }
            }
        }
        return problems;
    }

    private static int levels(String filter) {
        int levels = 1;
        for (int i = 0; i < filter.length(); i++) {
            if (filter.charAt(i) == '/') {
                levels++;
            }
        }
        return levels;
    }
}
