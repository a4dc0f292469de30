package io.topicguard.dsl.ast;

/**
 * One statement of a policy, with where it was written and its text as written (whitespace
 * collapsed to single spaces, comments dropped), so that every decision can quote its reason.
 *
 * <p>Includes are expanded in place by the parser, so there is no include statement in the AST.
 */
public sealed interface Statement permits SettingStatement, SuperuserStatement, BanStatement, RuleStatement,
        ClientRulesStatement {

    SourcePosition position();

    String text();
}
