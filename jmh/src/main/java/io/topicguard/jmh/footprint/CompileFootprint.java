package io.topicguard.jmh.footprint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.jmh.baseline.MoquetteAcl;
import io.topicguard.jmh.policy.MoquetteAclFormat;
import io.topicguard.jmh.policy.PolicyGenerator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parse + compile of a large generated policy, once, timed, and the heap the compiled policy
 * retains: heap in use after full GCs with the policy reachable and its source text not, minus
 * the same before anything was generated (issue 4: 1,000,000 rules in at most 10 s, at most
 * 1 GiB retained). A separate main because one such load takes seconds.
 *
 * <p>Run: {@code java -Xmx4g -cp jmh/target/benchmarks.jar io.topicguard.jmh.footprint.CompileFootprint
 * --rules 1000000 --out bench-results/footprint.json}
 */
public final class CompileFootprint {

    private CompileFootprint() {
    }

    /**
     * @param parseSeconds   text to AST
     * @param compileSeconds AST to compiled policy
     * @param cpuSeconds     CPU time of the loading thread for both steps (GC threads not included):
     *                         next to the wall time, it tells a slow load from a starved one
     * @param retainedBytes  heap retained by the compiled policy
     * @param moquetteParseSeconds Moquette's parser on the same rules in its own format, once, in the
     *                         same JVM after topicguard's load (issue 20: faster than Moquette at every
     *                         size, 1,000,000 rules included); null in results written before it was measured
     */
    public record Footprint(int rules, double parseSeconds, double compileSeconds, double totalSeconds,
                            double cpuSeconds, long retainedBytes, long maxHeapBytes, Double moquetteParseSeconds) {

        public Footprint(int rules, double parseSeconds, double compileSeconds, double totalSeconds,
                         double cpuSeconds, long retainedBytes, long maxHeapBytes) {
            this(rules, parseSeconds, compileSeconds, totalSeconds, cpuSeconds, retainedBytes, maxHeapBytes, null);
        }
    }

    public static void main(String[] args) throws IOException {
        int rules = 1_000_000;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rules" -> rules = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> {
                    System.err.println("usage: CompileFootprint [--rules N] [--out FILE.json]");
                    System.exit(2);
                }
            }
        }
        Footprint footprint = measure(rules);
        System.out.printf(java.util.Locale.ROOT, "%d rules: parse %.2f s, compile %.2f s, total %.2f s (%.2f s CPU), "
                        + "retained %.1f MiB; Moquette's parser %.2f s%n",
                rules, footprint.parseSeconds(), footprint.compileSeconds(), footprint.totalSeconds(),
                footprint.cpuSeconds(), footprint.retainedBytes() / (1024.0 * 1024.0), footprint.moquetteParseSeconds());
        if (out != null) {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), footprint);
        }
    }

    private static Policy compiled(PolicyAst ast) {
        try {
            return Policy.compile(ast);
        } catch (PolicyLoadException e) {
            throw new IllegalStateException("the generated policy was rejected: " + e.getMessage(), e);
        }
    }

    /** Generates, parses and compiles {@code rules} rules, timing each step and weighing the result. */
    public static Footprint measure(int rules) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        String text = PolicyGenerator.generate(rules, PolicyGenerator.DEFAULT_SEED).policyText();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ParseResult parsed = PolicyParser.parseString("generated-" + rules + ".acl", text, null);
        long t1 = System.nanoTime();
        if (!(parsed instanceof ParseResult.Success success)) {
            throw new IllegalStateException("the generated policy was rejected: "
                    + ((ParseResult.Failure) parsed).diagnostics().get(0).format());
        }
        Policy policy = compiled(success.policy());
        long t2 = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;

        // Only the compiled policy stays reachable: the text and the AST are dropped before weighing.
        text = null;
        parsed = null;
        success = null;
        long after = usedAfterGc(memory);
        Reference.reachabilityFence(policy);
        policy = null;
        double moquette = moquetteParseSeconds(rules, memory);
        return new Footprint(rules, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, cpu / 1e9, Math.max(0, after - before),
                memory.getHeapMemoryUsage().getMax(), moquette);
    }

    /**
     * Moquette's parser on the same rules, once, timed the same way (wall clock from text to rules),
     * on a heap collected first so it inherits none of topicguard's garbage. The rules are generated
     * again (same seed) rather than kept: kept, they would have counted in the retained heap above.
     */
    private static double moquetteParseSeconds(int rules, MemoryMXBean memory) {
        String moquetteText = MoquetteAclFormat.write(PolicyGenerator.generate(rules, PolicyGenerator.DEFAULT_SEED).rules());
        usedAfterGc(memory);
        long t0 = System.nanoTime();
        MoquetteAcl acl = MoquetteAcl.parse(moquetteText);
        long t1 = System.nanoTime();
        Reference.reachabilityFence(acl);
        return (t1 - t0) / 1e9;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        // Several collections: a single System.gc() may leave objects that finalization or
        // reference processing frees only on the next one.
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
