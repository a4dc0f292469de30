package io.topicguard.jmh.bench;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.engine.Verdict;
import io.topicguard.testkit.reference.ReferenceEvaluator;
import io.topicguard.jmh.baseline.MoquetteAcl;
import io.topicguard.jmh.policy.GeneratedPolicy;
import io.topicguard.jmh.policy.MoquetteAclFormat;
import io.topicguard.jmh.policy.PolicyGenerator;

import java.time.Clock;

/**
 * The generated policy of each rule count, in each implementation's form. Remembers only the last
 * one of each, because JMH runs the parameter combinations of a fork one after another and a
 * 1,000,000-rule policy should not outlive its trials.
 */
final class Policies {

    private static GeneratedPolicy generated;
    private static Policy compiled;

    private Policies() {
    }

    static synchronized GeneratedPolicy generated(int rules) {
        if (generated == null || generated.ruleCount() != rules) {
            generated = null;
            compiled = null;
            generated = PolicyGenerator.generate(rules, PolicyGenerator.DEFAULT_SEED);
        }
        return generated;
    }

    static synchronized Policy compiled(int rules) {
        GeneratedPolicy policy = generated(rules);
        if (compiled == null) {
            compiled = compile(policy.policyText(), rules);
        }
        return compiled;
    }

    /** Parses and compiles native policy text; a rejected policy is a broken benchmark, said loudly. */
    static Policy compile(String text, int rules) {
        try {
            return Policy.fromString(sourceName(rules), text);
        } catch (PolicyLoadException e) {
            throw new IllegalStateException("the generated policy of " + rules + " rules was rejected:\n" + e.getMessage(), e);
        }
    }

    /** Baseline (b): the reference evaluator over the parsed policy, as acl-engine's property tests use it. */
    static ReferenceEvaluator reference(int rules) {
        return new ReferenceEvaluator(parse(generated(rules).policyText(), rules), Clock.systemUTC());
    }

    static PolicyAst parse(String text, int rules) {
        ParseResult result = PolicyParser.parseString(sourceName(rules), text, null);
        if (result instanceof ParseResult.Success success) {
            return success.policy();
        }
        throw new IllegalStateException("the generated policy of " + rules + " rules was rejected:\n"
                + ((ParseResult.Failure) result).diagnostics().get(0).format());
    }

    static MoquetteAcl moquette(int rules) {
        return MoquetteAcl.parse(MoquetteAclFormat.write(generated(rules).rules()));
    }

    static String sourceName(int rules) {
        return "generated-" + rules + ".acl";
    }

    /** Refuses to measure an implementation that answers a query wrongly. */
    static void expect(String what, Verdict expected, Verdict actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + " but the implementation answered " + actual);
        }
    }

    /** {@link #expect} for the baselines that only answer yes or no. */
    static void expect(String what, Verdict expected, boolean allowed) {
        expect(what, expected, allowed ? Verdict.ALLOW : Verdict.DENY);
    }
}
