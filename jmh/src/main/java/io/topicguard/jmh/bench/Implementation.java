package io.topicguard.jmh.bench;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Locale;

/**
 * Which implementation a benchmark method measures, read from the method's name so that a state's
 * setup builds only what that method needs (a 1,000,000-rule Moquette ACL is not built to measure
 * topicguard). The report pairs methods of one class by these names.
 */
enum Implementation {
    /** The compiled policy: {@code topicguard()}. */
    TOPICGUARD("topicguard"),
    /** Baseline (a): {@code hashMapFloor()}. */
    FLOOR("hashMapFloor"),
    /** Baseline (b): {@code referenceEvaluator()}. */
    REFERENCE("referenceEvaluator"),
    /** Baseline (c): {@code moquette()}. */
    MOQUETTE("moquette");

    private final String methodName;

    Implementation(String methodName) {
        this.methodName = methodName;
    }

    static Implementation of(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        for (Implementation implementation : values()) {
            if (implementation.methodName.equals(method)) {
                return implementation;
            }
        }
        throw new IllegalStateException("benchmark method " + benchmark + " is none of "
                + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
