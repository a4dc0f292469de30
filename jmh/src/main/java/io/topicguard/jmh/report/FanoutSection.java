package io.topicguard.jmh.report;

import io.topicguard.jmh.load.FanoutResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Fan-out (issue 20 item 7) from {@code broker-fanout.json} ({@link io.topicguard.jmh.load.FanoutScenario}). */
final class FanoutSection implements StepSection {

    static final String FILE = "broker-fanout.json";

    @Override
    public String step() {
        return "fanout";
    }

    @Override
    public String heading() {
        return "Broker fan-out through PARTIAL subscriptions (issue 20 item 7)";
    }

    @Override
    public String body(Path runDir) throws IOException {
        Document<FanoutResult> doc = Document.read(runDir.resolve(FILE), FanoutResult.class);
        if (doc == null) {
            return "Not measured in this run.\n";
        }
        List<FanoutResult> results = medians(doc.results());
        StringBuilder out = new StringBuilder("`io.topicguard.jmh.load.FanoutScenario`: one publisher (QoS 0, 16-byte "
                + "payloads to `fan/allowed/N`), subscribers all on `fan/#`; half of them are user `fan-partial`, whom the "
                + "policy allows all of `fan/#` but `fan/denied/#` (`deny username \"fan-partial\" to subscribe "
                + "\"fan/denied/#\"` before the allow), so their subscription is PARTIAL and topicguard checks each "
                + "delivery through it (docs/semantics.md, Subscribe); mosquitto's ACL says the same with `topic deny "
                + "fan/denied/#` before `topic read fan/#`, and mosquitto checks read access on every delivery. The "
                + "publisher keeps at most ").append(doc.setting("window")).append(" messages not yet delivered to every "
                + "subscriber; warmup ").append(doc.setting("warmup")).append(" s, measured ").append(doc.setting("seconds"))
                .append(" s; deliveries counted as they arrive.\n\n");
        double mosquitto = results.stream().filter(r -> r.broker().equals("mosquitto") && r.note() == null)
                .mapToDouble(FanoutResult::deliveriesPerSecond).findFirst().orElse(0);
        List<List<String>> rows = new ArrayList<>();
        for (FanoutResult r : results) {
            rows.add(List.of(r.broker(), String.format(Locale.ROOT, "%,d", r.subscribers()),
                    String.format(Locale.ROOT, "%,d", r.partial()), Markdown.number(r.deliveriesPerSecond()),
                    r.broker().equals("topicguard") && mosquitto > 0 ? Markdown.ratio(r.deliveriesPerSecond() / mosquitto) : "",
                    StepSection.cell(r.note())));
        }
        out.append(Markdown.table(List.of("broker", "subscribers", "of them PARTIAL", "deliveries/s",
                "topicguard ÷ mosquitto", "note"), rows));
        out.append(StepSection.goals(List.of(target(results))));
        return out.toString();
    }

    static Target target(List<FanoutResult> results) {
        String goal = "fan-out deliveries/s ≥ 2× mosquitto's";
        var tg = results.stream().filter(r -> r.broker().equals("topicguard") && r.note() == null).findFirst();
        var mq = results.stream().filter(r -> r.broker().equals("mosquitto") && r.note() == null).findFirst();
        if (tg.isEmpty() || mq.isEmpty() || mq.get().deliveriesPerSecond() <= 0) {
            return Target.notMeasured(goal, "no clean run of both brokers");
        }
        double ratio = tg.get().deliveriesPerSecond() / mq.get().deliveriesPerSecond();
        return new Target(goal, String.format(Locale.ROOT, "%s (%s vs %s deliveries/s)", Markdown.ratio(ratio),
                Markdown.number(tg.get().deliveriesPerSecond()), Markdown.number(mq.get().deliveriesPerSecond())), ratio >= 2.0);
    }

    /** One row per broker: the median rate over its rounds; a note when any round had one. */
    static List<FanoutResult> medians(List<FanoutResult> results) {
        List<FanoutResult> rows = new ArrayList<>();
        for (String broker : results.stream().map(FanoutResult::broker).distinct().toList()) {
            List<FanoutResult> rounds = results.stream().filter(r -> r.broker().equals(broker)).toList();
            List<FanoutResult> clean = rounds.stream().filter(r -> r.note() == null).toList();
            FanoutResult first = rounds.get(0);
            String note = rounds.stream().map(FanoutResult::note).filter(n -> n != null).findFirst().orElse(null);
            rows.add(new FanoutResult(broker, first.subscribers(), first.partial(), first.seconds(),
                    clean.stream().mapToLong(FanoutResult::published).sum(), clean.stream().mapToLong(FanoutResult::deliveries).sum(),
                    clean.isEmpty() ? 0 : LoadSummary.median(clean.stream().mapToDouble(FanoutResult::deliveriesPerSecond).toArray()),
                    clean.isEmpty() ? note : null, rounds.size()));
        }
        return rows;
    }
}
