package io.topicguard.jmh.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays a fresh report over the previous docs/BENCHMARKS.md so that a run of some steps
 * ({@code run-benchmarks.sh --steps a,b}) rewrites only their sections. A section ({@code ## }
 * heading to the next) belongs to the steps {@link #owners} names; one whose steps did not run is
 * kept verbatim from the previous file, with a line saying which run wrote it (the date its own
 * "kept" line gives, else the previous file's). Sections no step owns (written by hand) are always
 * kept; Machine is always rewritten. A section new to this run goes right after the section it follows
 * in the fresh report, or after the last generated one when that is not in the file.
 */
final class PartialReport {

    /** Heading prefixes (longest first where one starts another) and the steps whose results each section shows. */
    private static final Map<String, List<String>> OWNERS = new LinkedHashMap<>();

    static {
        OWNERS.put("Targets (issue 4)", List.of("publish", "publish-baselines", "parse", "footprint", "load"));
        OWNERS.put(EngineTargets.HEADING, List.of("checks", "baselines", "bind", "parse", "cache", "footprint"));
        OWNERS.put("Publish check", List.of("publish", "publish-baselines"));
        OWNERS.put("Subscribe check", List.of("checks", "baselines"));
        OWNERS.put("Deliver check", List.of("checks", "baselines"));
        OWNERS.put("Binding a client", List.of("bind"));
        OWNERS.put("Parse + compile of a policy", List.of("parse"));
        OWNERS.put("Decision cache", List.of("cache"));
        OWNERS.put("Parse + compile of ", List.of("footprint"));
        OWNERS.put("Broker load (", List.of("load"));
        OWNERS.put("The decision service over HTTP", List.of("authz"));
        OWNERS.put("HiveMQ CE with the topicguard extension", List.of("hivemq"));
        for (StepSection s : StepSection.ALL) {
            OWNERS.put(s.heading(), List.of(s.step()));
        }
    }

    private static final Pattern KEPT = Pattern.compile("^_Kept from the run of (\\S+?)[,:)]", Pattern.MULTILINE);
    private static final Pattern WRITTEN_AT = Pattern.compile("\\) at (\\d{4}-\\d{2}-\\d{2})T");

    private PartialReport() {
    }

    /** The steps a section's heading belongs to; empty for Machine, null for a section written by hand. */
    static List<String> owners(String heading) {
        if (heading.equals("Machine")) {
            return List.of();
        }
        return OWNERS.entrySet().stream().filter(e -> heading.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * @param previous the file as it was (null or empty: the fresh report as it is)
     * @param fresh    this run's report, every section included ("not measured" for steps not run)
     * @param ran      the steps this run ran ({@code --steps}), or null when it ran them all
     */
    static String merge(String previous, String fresh, Set<String> ran) {
        if (previous == null || previous.isBlank()) {
            return fresh;
        }
        List<String[]> old = sections(previous);
        List<String[]> now = sections(fresh);
        Matcher written = WRITTEN_AT.matcher(old.get(0)[1]);
        String previousDate = written.find() ? written.group(1) : "an earlier run";
        List<String> out = new ArrayList<>();
        // The heading each entry of out came from, so a new section can follow the one it follows in the fresh report.
        List<String> outHeadings = new ArrayList<>();
        out.add(ran == null ? now.get(0)[1] : now.get(0)[1].stripTrailing() + "\n\nThis run (steps: " + String.join(", ", ran)
                + ") rewrote the sections of those steps; the other sections are kept from the runs that wrote them, each "
                + "marked with its date.\n");
        outHeadings.add("");
        Set<String> used = new java.util.HashSet<>();
        int afterGenerated = out.size();
        for (String[] section : old.subList(1, old.size())) {
            String heading = section[0];
            List<String> owners = owners(heading);
            if (owners == null) {
                out.add(section[1]);
                outHeadings.add(heading);
                continue;
            }
            String[] replacement = owners.isEmpty() || ran == null || owners.stream().anyMatch(ran::contains) ? find(now, owners) : null;
            if (replacement != null) {
                out.add(replacement[1]);
                outHeadings.add(replacement[0]);
                used.add(replacement[0]);
            } else {
                out.add(kept(section[1], previousDate));
                outHeadings.add(heading);
                now.stream().filter(s -> owners.equals(owners(s[0]))).forEach(s -> used.add(s[0]));
            }
            afterGenerated = out.size();
        }
        for (int i = 1; i < now.size(); i++) {
            String[] section = now.get(i);
            if (used.contains(section[0]) || owners(section[0]) == null) {
                continue;
            }
            // Right after the section it follows in the fresh report, when that one is in the output; else after the
            // last generated section.
            int at = outHeadings.indexOf(now.get(i - 1)[0]);
            int insertAt = at >= 1 ? at + 1 : afterGenerated;
            out.add(insertAt, section[1]);
            outHeadings.add(insertAt, section[0]);
            if (insertAt <= afterGenerated) {
                afterGenerated++;
            }
            used.add(section[0]);
        }
        return String.join("", out);
    }

    private static String[] find(List<String[]> sections, List<String> owners) {
        return sections.stream().skip(1).filter(s -> owners.equals(owners(s[0]))).findFirst().orElse(null);
    }

    /** The section with a line under its heading naming the run it came from, unless it has one. */
    static String kept(String section, String previousDate) {
        if (KEPT.matcher(section).find()) {
            return section;
        }
        int endOfHeading = section.indexOf('\n', section.indexOf("## "));
        return section.substring(0, endOfHeading + 1) + "\n_Kept from the run of " + previousDate
                + ": its steps were not run again since._\n" + section.substring(endOfHeading + 1);
    }

    /** [heading, text] pairs: first the text before any {@code ## } heading (heading ""), then each section with its heading line. */
    static List<String[]> sections(String report) {
        List<String[]> sections = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^## (.*)$").matcher(report);
        int start = 0;
        String heading = "";
        while (m.find()) {
            int at = m.start() > 0 && report.charAt(m.start() - 1) == '\n' ? m.start() - 1 : m.start();
            sections.add(new String[] {heading, report.substring(start, at)});
            heading = m.group(1).trim();
            start = at;
        }
        sections.add(new String[] {heading, report.substring(start)});
        return sections;
    }
}
