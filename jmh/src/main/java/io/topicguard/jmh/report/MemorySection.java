package io.topicguard.jmh.report;

import io.topicguard.jmh.load.MemoryResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Memory per idle client (issue 20 item 6) from {@code broker-memory.json} ({@link io.topicguard.jmh.load.MemoryScenario}). */
final class MemorySection implements StepSection {

    static final String FILE = "broker-memory.json";

    @Override
    public String step() {
        return "memory";
    }

    @Override
    public String heading() {
        return "Broker memory per client (issue 20 item 6)";
    }

    @Override
    public String body(Path runDir) throws IOException {
        Document<MemoryResult> doc = Document.read(runDir.resolve(FILE), MemoryResult.class);
        if (doc == null) {
            return "Not measured in this run.\n";
        }
        StringBuilder out = new StringBuilder("`io.topicguard.jmh.load.MemoryScenario`: a freshly started broker, idle, "
                + "then with N connected clients (clean sessions, keep-alive 60 s) holding ")
                .append(doc.setting("subscriptions")).append(" subscriptions each (`load/m/CLIENT/K/+`, QoS 0), all idle. "
                        + "Resident set: `VmRSS` of `/proc/PID/status`; topicguard: after a full GC (`jcmd PID GC.run`), "
                        + "heap in use from `jcmd PID GC.heap_info`. Bytes per client: (with − without) ÷ N. The broker "
                        + "without clients is its base cost, shown separately. topicguard's JVM: ")
                .append(doc.setting("topicguard-jvm")).append(" — a JVM's resident set depends on these flags. "
                        + "**50,000 clients are not measured here**: this machine's open-files limit is ")
                .append(doc.setting("open-files-limit")).append(" descriptors per process and cannot be raised (a container), and "
                        + "the load generator holds one socket per client just as the broker does; the largest count run "
                        + "is the most that fits below it.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (MemoryResult r : doc.results()) {
            Optional<MemoryResult> mosquitto = find(doc.results(), "mosquitto", r.clients());
            rows.add(List.of(r.broker(), String.format(Locale.ROOT, "%,d", r.clients()), Markdown.mebibytes(r.rssBefore()),
                    Markdown.mebibytes(r.rssAfter()), bytes(r.rssPerClient()),
                    r.heapBefore() < 0 ? "–" : Markdown.mebibytes(r.heapBefore()),
                    r.heapAfter() < 0 ? "–" : Markdown.mebibytes(r.heapAfter()), bytes(r.heapPerClient()),
                    r.broker().equals("topicguard") ? mosquitto.filter(m -> m.rssPerClient() > 0)
                            .map(m -> Markdown.ratio(r.rssPerClient() / m.rssPerClient())).orElse("–") : "",
                    StepSection.cell(r.note())));
        }
        out.append(Markdown.table(List.of("broker", "clients", "RSS without clients (base)", "RSS with clients",
                "RSS per client", "heap after GC, without", "heap after GC, with", "heap per client",
                "topicguard ÷ mosquitto (RSS per client)", "note"), rows));
        out.append(StepSection.goals(targets(doc.results())));
        return out.toString();
    }

    static List<Target> targets(List<MemoryResult> results) {
        List<Target> targets = new ArrayList<>();
        for (MemoryResult tg : results.stream().filter(r -> r.broker().equals("topicguard")).toList()) {
            String goal = String.format(Locale.ROOT, "RSS per client at %,d clients ≤ 2× mosquitto's", tg.clients());
            Optional<MemoryResult> mq = find(results, "mosquitto", tg.clients());
            if (mq.isEmpty() || mq.get().rssPerClient() <= 0 || tg.rssPerClient() < 0 || tg.note() != null || mq.get().note() != null) {
                targets.add(Target.notMeasured(goal, "no clean run of both brokers"));
                continue;
            }
            double ratio = tg.rssPerClient() / mq.get().rssPerClient();
            targets.add(new Target(goal, String.format(Locale.ROOT, "%s (%s vs %s; topicguard's heap: %s per client)",
                    Markdown.ratio(ratio), bytes(tg.rssPerClient()), bytes(mq.get().rssPerClient()), bytes(tg.heapPerClient())),
                    ratio <= 2.0));
        }
        if (targets.isEmpty()) {
            targets.add(Target.notMeasured("RSS per client ≤ 2× mosquitto's", "topicguard not run"));
        }
        return targets;
    }

    private static Optional<MemoryResult> find(List<MemoryResult> results, String broker, int clients) {
        return results.stream().filter(r -> r.broker().equals(broker) && r.clients() == clients).findFirst();
    }

    private static String bytes(double value) {
        return value < 0 ? "–" : String.format(Locale.ROOT, "%,.0f B", value);
    }
}
