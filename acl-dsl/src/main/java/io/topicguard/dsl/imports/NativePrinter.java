package io.topicguard.dsl.imports;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.ClientRulesStatement;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a {@link PolicyAst} as native policy text (docs/language.md) that parses back to the same
 * statements: strings escaped, who-expressions parenthesized where precedence needs it, and a
 * comment before each statement naming the file and line it came from, so a converted mosquitto
 * or EMQX file still points at its origin. Stateless and thread-safe.
 */
public final class NativePrinter {

    private NativePrinter() {
    }

    /** The whole policy, one statement per line, each after a {@code # file:line} comment. */
    public static String print(PolicyAst policy) {
        StringBuilder out = new StringBuilder();
        for (Statement statement : policy.statements()) {
            out.append("# ").append(oneLine(statement.position().fileAndLine()));
            if (!statement.text().isEmpty()) {
                out.append(": ").append(oneLine(statement.text()));
            }
            out.append('\n').append(statement(statement)).append('\n');
        }
        return out.toString();
    }

    /** One statement without its comment. */
    public static String statement(Statement statement) {
        if (statement instanceof SettingStatement setting) {
            return setting(setting.setting());
        }
        if (statement instanceof SuperuserStatement superuser) {
            return "superuser " + who(superuser.who());
        }
        if (statement instanceof ClientRulesStatement) {
            return "client rules";
        }
        if (statement instanceof BanStatement ban) {
            return "ban " + who(ban.who())
                    + ban.until().map(instant -> " until " + quote(instant.toString())).orElse("")
                    + ban.reason().map(reason -> " reason " + quote(reason)).orElse("");
        }
        return rule((RuleStatement) statement);
    }

    private static String setting(Setting setting) {
        String value = setting.name().substring(setting.name().indexOf('_', setting.kind() == Setting.Kind.ON_DENY ? 3 : 0) + 1);
        return setting.kind().keyword() + " " + value.toLowerCase(Locale.ROOT);
    }

    private static String rule(RuleStatement rule) {
        StringBuilder out = new StringBuilder(rule.effect().name().toLowerCase(Locale.ROOT)).append(' ').append(who(rule.who()));
        boolean everything = rule.actions().size() == Action.values().length && rule.topics().size() == 1
                && rule.topics().get(0) instanceof Topic.Any && rule.qos().isAny() && rule.retain() == io.topicguard.dsl.ast.Retain.ANY;
        if (everything) {
            return out.toString();
        }
        out.append(" to ").append(rule.actions().size() == Action.values().length ? "publish, subscribe"
                : rule.actions().iterator().next().name().toLowerCase(Locale.ROOT));
        out.append(' ').append(rule.topics().stream().map(NativePrinter::topic).collect(Collectors.joining(", ")));
        if (!rule.qos().isAny()) {
            StringBuilder levels = new StringBuilder();
            for (int qos = 0; qos <= 2; qos++) {
                if (rule.qos().allows(qos)) {
                    levels.append(levels.length() == 0 ? "" : ", ").append(qos);
                }
            }
            out.append(" qos ").append(levels);
        }
        switch (rule.retain()) {
            case TRUE -> out.append(" retain true");
            case FALSE -> out.append(" retain false");
            case ANY -> { }
        }
        return out.toString();
    }

    private static String topic(Topic topic) {
        if (topic instanceof Topic.Filter filter) {
            return quote(filter.filter());
        }
        if (topic instanceof Topic.Exact exact) {
            return "eq " + quote(exact.topic());
        }
        return "any";
    }

    /** A who-expression; {@code or} binds loosest, then {@code and}, then {@code not}. */
    public static String who(Who who) {
        if (who instanceof Who.Or or) {
            return or.operands().stream().map(w -> w instanceof Who.Or ? "(" + who(w) + ")" : who(w))
                    .collect(Collectors.joining(" or "));
        }
        if (who instanceof Who.And and) {
            return and.operands().stream().map(w -> w instanceof Who.Or || w instanceof Who.And ? "(" + who(w) + ")" : who(w))
                    .collect(Collectors.joining(" and "));
        }
        if (who instanceof Who.Not not) {
            Who operand = not.operand();
            return "not " + (operand instanceof Who.Or || operand instanceof Who.And ? "(" + who(operand) + ")" : who(operand));
        }
        return term(who);
    }

    private static String term(Who who) {
        if (who instanceof Who.All) {
            return "all";
        }
        if (who instanceof Who.Anonymous) {
            return "anonymous";
        }
        if (who instanceof Who.Equals equals) {
            return equals.attribute().keyword() + " " + quote(equals.value());
        }
        if (who instanceof Who.Matches matches) {
            return matches.attribute().keyword() + " ~ " + quote(matches.pattern());
        }
        if (who instanceof Who.In in) {
            return in.attribute().keyword() + " in " + list(in.values());
        }
        if (who instanceof Who.Ip ip) {
            List<String> blocks = ip.blocks().stream().map(IpBlock::text).toList();
            return blocks.size() == 1 ? "ip " + quote(blocks.get(0)) : "ip in " + list(blocks);
        }
        if (who instanceof Who.Listener listener) {
            return "listener " + quote(listener.name());
        }
        throw new IllegalArgumentException("unknown who " + who);
    }

    private static String list(List<String> values) {
        return values.stream().map(NativePrinter::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A policy string literal: {@code \" \\ \n \t} and {@code \}{@code uXXXX} for other control characters. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Text made safe for a one-line comment. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }
}
