package io.topicguard.dsl.ast;

import java.util.List;
import java.util.Optional;

/**
 * A whole policy: its statements in file order with includes expanded in place, and the files it
 * was read from (the main file first). Immutable.
 */
public record PolicyAst(List<Statement> statements, List<SourceFile> files) {

    public PolicyAst {
        statements = List.copyOf(statements);
        files = List.copyOf(files);
    }

    /** The statement that sets {@code kind}, if any (a policy sets each kind at most once). */
    public Optional<SettingStatement> setting(Setting.Kind kind) {
        for (Statement s : statements) {
            if (s instanceof SettingStatement setting && setting.setting().kind() == kind) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** The value of {@code kind}, or the secure default of docs/language.md when the policy is silent. */
    public Setting settingOrDefault(Setting.Kind kind) {
        return setting(kind).map(SettingStatement::setting).orElse(switch (kind) {
            case DEFAULT -> Setting.DEFAULT_DENY;
            case ANONYMOUS -> Setting.ANONYMOUS_DENY;
            case ON_DENY -> Setting.ON_DENY_IGNORE;
            case PARTIAL -> Setting.PARTIAL_FILTER;
        });
    }

    /** The {@code client rules} statement, if the policy has one (it has at most one). */
    public Optional<ClientRulesStatement> clientRules() {
        for (Statement s : statements) {
            if (s instanceof ClientRulesStatement clientRules) {
                return Optional.of(clientRules);
            }
        }
        return Optional.empty();
    }

    public List<RuleStatement> rules() {
        return statements.stream().filter(RuleStatement.class::isInstance).map(RuleStatement.class::cast).toList();
    }
}
