package io.topicguard.dsl.imports.emqx;

import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.check.TopicChecks;
import io.topicguard.dsl.imports.common.ImportReporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EMQX topic entries: a filter string, {@code {eq, T}} or {@code "eq T"} (exact), with the
 * placeholders {@code ${username}}, {@code ${clientid}}, {@code ${cert_common_name}} (5.x) and
 * {@code %u}, {@code %c} (4.x, which replaces them only as a whole level).
 */
final class EmqxTopics {

    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "username", "${username}", "clientid", "${clientid}", "cert_common_name", "${cn}");

    private final ImportReporter reporter;

    EmqxTopics(ImportReporter reporter) {
        this.reporter = reporter;
    }

    /** The topics, or null after reporting every bad entry. */
    List<Topic> topics(Term term) {
        if (!(term instanceof Term.ListTerm list)) {
            reporter.error(term.line(), term.column(), "expected a list of topics such as [\"sensors/#\", {eq, \"#\"}], found "
                    + Term.describe(term), null);
            return null;
        }
        List<Topic> topics = new ArrayList<>();
        boolean ok = true;
        for (Term item : list.items()) {
            Topic topic = topic(item);
            ok &= topic != null;
            topics.add(topic);
        }
        return ok ? topics : null;
    }

    private Topic topic(Term item) {
        if (item instanceof Term.Tuple t && t.items().size() == 2 && t.items().get(0) instanceof Term.Atom a
                && a.name().equals("eq") && t.items().get(1) instanceof Term.Str s) {
            return exact(s, s.value(), 0);
        }
        if (!(item instanceof Term.Str s)) {
            reporter.error(item.line(), item.column(), "expected a topic string or {eq, \"topic\"}, found " + Term.describe(item), null);
            return null;
        }
        if (s.value().startsWith("eq ")) {
            return exact(s, s.value().substring(3), 3);
        }
        String filter = placeholders(s);
        if (filter == null) {
            return null;
        }
        return checked(s, filter, TopicChecks.filterProblems(filter), new Topic.Filter(filter, position(s)));
    }

    private Topic exact(Term.Str s, String topic, int shift) {
        List<Problem> problems = TopicChecks.exactProblems(topic);
        return checked(s, topic, problems.stream().map(p -> new Problem(p.message(), p.offset() < 0 ? -1 : p.offset() + shift, p.hint())).toList(),
                new Topic.Exact(topic, position(s)));
    }

    private Topic checked(Term.Str s, String shown, List<Problem> problems, Topic topic) {
        for (Problem problem : problems) {
            int column = problem.offset() < 0 ? s.column() : s.columnAt(problem.offset());
            reporter.error(s.line(), column, "invalid topic \"" + shown + "\": " + problem.message(), problem.hint());
        }
        return problems.isEmpty() ? topic : null;
    }

    /** The filter with EMQX placeholders as topicguard's, or null after reporting an unknown one. */
    private String placeholders(Term.Str s) {
        String value = s.value();
        StringBuilder out = new StringBuilder(value.length() + 8);
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("${", i)) {
                int close = value.indexOf('}', i + 2);
                String name = close < 0 ? value.substring(i + 2) : value.substring(i + 2, close);
                String replacement = close < 0 ? null : PLACEHOLDERS.get(name);
                if (replacement == null) {
                    reporter.error(s.line(), s.columnAt(i),
                            "placeholder '${" + name + (close < 0 ? "" : "}") + "' has no topicguard equivalent",
                            "topicguard's placeholders are ${username}, ${clientid} and ${cert_common_name} (→ ${cn})");
                    return null;
                }
                out.append(replacement);
                i = close + 1;
            } else if ((value.startsWith("%u", i) || value.startsWith("%c", i))) {
                boolean wholeLevel = (i == 0 || value.charAt(i - 1) == '/') && (i + 2 == value.length() || value.charAt(i + 2) == '/');
                if (wholeLevel) {
                    out.append(value.charAt(i + 1) == 'u' ? "${username}" : "${clientid}");
                } else {
                    reporter.warning(s.line(), s.columnAt(i),
                            "EMQX replaces " + value.substring(i, i + 2) + " only as a whole topic level; here it is kept as the literal text",
                            "write it as its own level, e.g. \"devices/%c/up\", or use ${clientid}");
                    out.append(value, i, i + 2);
                }
                i += 2;
            } else {
                out.append(value.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private SourcePosition position(Term.Str s) {
        return reporter.position(s.line(), s.column());
    }
}
