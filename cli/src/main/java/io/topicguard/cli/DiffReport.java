package io.topicguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.imports.NativePrinter;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.diff.AccessChange;
import io.topicguard.engine.diff.AccessChanges;
import io.topicguard.engine.diff.StatementChanges;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code diff} prints: for people, three sections (statements, access, queries) and a summary
 * line; for machines, the same as one JSON document, a row per question. Questions are written in
 * the words of a test file ({@code username "x" publish "a/b" qos 1}); for people, one change at
 * several QoS levels is one row.
 */
final class DiffReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatementChanges statements;
    private final AccessChanges.Result access;
    private final List<QueryChanges.Change> queries;
    private final Path queriesFile;

    DiffReport(StatementChanges statements, AccessChanges.Result access, List<QueryChanges.Change> queries, Path queriesFile) {
        this.statements = statements;
        this.access = access;
        this.queries = queries;
        this.queriesFile = queriesFile;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        if (statements.isEmpty()) {
            out.append("statements: no change\n");
        } else {
            out.append("statements (first match decides, so a move can change answers):\n");
            statements.added().forEach(s -> out.append("  + ").append(where(s)).append("  ").append(s.text()).append('\n'));
            statements.removed().forEach(s -> out.append("  - ").append(where(s)).append("  ").append(s.text()).append('\n'));
            statements.moved().forEach(m -> out.append("  ~ ").append(where(m.before())).append(" -> ").append(where(m.after()))
                    .append("  ").append(m.after().text()).append('\n'));
        }
        if (access.changes().isEmpty()) {
            out.append("access: no answer changes for the who-groups that changed\n");
        } else {
            out.append("access changes:\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"WHO-GROUP", "QUESTION", "BEFORE", "AFTER"});
            rows.addAll(accessRows());
            table(rows, out);
        }
        for (var who : access.unsampled()) {
            out.append("  not compared: no sample client could be built for '").append(NativePrinter.who(who)).append("'\n");
        }
        if (access.notCompared() > 0) {
            out.append("  not compared: ").append(access.notCompared())
                    .append(" more who-groups; the policies are too large to ask every group every question\n");
        }
        if (queriesFile != null) {
            if (queries.isEmpty()) {
                out.append("queries: every query of ").append(queriesFile).append(" gets the same answer\n");
            } else {
                out.append("queries answered differently:\n");
                for (QueryChanges.Change change : queries) {
                    out.append("  ").append(queriesFile).append(':').append(change.line()).append("  ").append(change.query()).append('\n')
                            .append("      before: ").append(decision(change.before())).append("  after: ").append(decision(change.after())).append('\n');
                }
            }
        }
        int accessRows = accessRows().size();
        out.append(statements.added().size()).append(" added, ").append(statements.removed().size()).append(" removed, ")
                .append(statements.moved().size()).append(" moved; ").append(accessRows).append(" access change")
                .append(accessRows == 1 ? "" : "s");
        if (queriesFile != null) {
            out.append("; ").append(queries.size()).append(" quer").append(queries.size() == 1 ? "y" : "ies").append(" answered differently");
        }
        return out.append('\n').toString();
    }

    /** One row per change, the same change at several QoS levels in one row ("qos 0, 1, 2"). */
    private List<String[]> accessRows() {
        Map<List<Object>, List<Integer>> levels = new LinkedHashMap<>();
        Map<List<Object>, AccessChange> first = new LinkedHashMap<>();
        for (AccessChange change : access.changes()) {
            List<Object> key = Arrays.asList(change.who(), change.client(), change.action(), change.topic(), change.retain(),
                    decision(change.before()), decision(change.after()));
            levels.computeIfAbsent(key, k -> new ArrayList<>()).add(change.qos());
            first.putIfAbsent(key, change);
        }
        List<String[]> rows = new ArrayList<>();
        first.forEach((key, change) -> rows.add(new String[]{NativePrinter.who(change.who()), question(change, levels.get(key)),
                decision(change.before()), decision(change.after())}));
        return rows;
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode stmts = root.putObject("statements");
        ArrayNode added = stmts.putArray("added");
        statements.added().forEach(s -> added.addObject().put("source", where(s)).put("statement", s.text()));
        ArrayNode removed = stmts.putArray("removed");
        statements.removed().forEach(s -> removed.addObject().put("source", where(s)).put("statement", s.text()));
        ArrayNode moved = stmts.putArray("moved");
        statements.moved().forEach(m -> moved.addObject().put("from", where(m.before())).put("to", where(m.after()))
                .put("statement", m.after().text()));
        ArrayNode changes = root.putArray("access");
        for (AccessChange change : access.changes()) {
            ObjectNode node = changes.addObject().put("who", NativePrinter.who(change.who()));
            client(node.putObject("client"), change.client());
            node.put("action", change.action()).put("topic", change.topic()).put("qos", change.qos()).put("retain", change.retain());
            decision(node.putObject("before"), change.before());
            decision(node.putObject("after"), change.after());
        }
        ArrayNode unsampled = root.putArray("unsampled");
        access.unsampled().forEach(who -> unsampled.add(NativePrinter.who(who)));
        root.put("notCompared", access.notCompared());
        if (queriesFile != null) {
            ArrayNode list = root.putArray("queries");
            for (QueryChanges.Change change : queries) {
                ObjectNode node = list.addObject().put("line", change.line()).put("query", change.query());
                decision(node.putObject("before"), change.before());
                decision(node.putObject("after"), change.after());
            }
        }
        root.put("changed", !access.changes().isEmpty() || !queries.isEmpty());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Statement statement) {
        return statement.position().fileAndLine();
    }

    /** {@code deny (default, old.acl:1)}. */
    private static String decision(Decision decision) {
        return decision.verdict().word() + " (" + decision.reason().word() + (decision.source() == null ? "" : ", " + decision.sourceLine()) + ")";
    }

    private static void decision(ObjectNode node, Decision decision) {
        node.put("decision", decision.verdict().word()).put("reason", decision.reason().word())
                .put("source", decision.source() == null ? null : decision.sourceLine());
    }

    private static void client(ObjectNode node, ClientInfo client) {
        node.put("username", client.username()).put("clientid", client.clientId())
                .put("ip", client.address() == null ? null : client.address().getHostAddress())
                .put("cn", client.commonName()).put("listener", client.listener());
    }

    /** The question in test-file words: {@code username "x" clientid "c" publish "a/b" qos 0, 1 retain}. */
    static String question(AccessChange change, List<Integer> qos) {
        ClientInfo client = change.client();
        StringBuilder out = new StringBuilder();
        out.append(client.username() == null ? "anonymous" : "username " + NativePrinter.quote(client.username()));
        out.append(" clientid ").append(NativePrinter.quote(client.clientId()));
        if (client.address() != null) {
            out.append(" ip ").append(NativePrinter.quote(client.address().getHostAddress()));
        }
        if (client.commonName() != null) {
            out.append(" cn ").append(NativePrinter.quote(client.commonName()));
        }
        if (client.listener() != null) {
            out.append(" listener ").append(NativePrinter.quote(client.listener()));
        }
        out.append(' ').append(change.action());
        if (change.topic() != null) {
            out.append(' ').append(NativePrinter.quote(change.topic())).append(" qos ")
                    .append(String.join(", ", qos.stream().map(String::valueOf).toList()));
            if (change.retain()) {
                out.append(" retain");
            }
        }
        return out.toString();
    }

    private static void table(List<String[]> rows, StringBuilder out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i + 1 < row.length) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
