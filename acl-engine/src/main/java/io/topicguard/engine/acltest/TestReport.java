package io.topicguard.engine.acltest;

import java.util.List;

/** Every outcome of a run, in the order the expectations were written, and the rule coverage. */
public record TestReport(List<TestOutcome> outcomes, RuleCoverage coverage) {

    public TestReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<TestOutcome> failures() {
        return outcomes.stream().filter(o -> !o.passed()).toList();
    }

    public int passed() {
        return outcomes.size() - failures().size();
    }

    public int failed() {
        return failures().size();
    }
}
