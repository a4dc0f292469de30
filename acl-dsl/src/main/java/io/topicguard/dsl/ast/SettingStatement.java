package io.topicguard.dsl.ast;

/** {@code default allow}, {@code anonymous deny}, {@code on deny disconnect}, {@code partial filter}, ... */
public record SettingStatement(Setting setting, SourcePosition position, String text) implements Statement {
}
