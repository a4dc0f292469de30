package io.topicguard.engine.diff;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements added, removed and moved, matched by text, with the fewest called moved. */
class StatementChangesTest {

    private static PolicyAst parse(String name, String text) {
        return ((ParseResult.Success) PolicyParser.parseString(name, text, null)).policy();
    }

    private static StatementChanges diff(String before, String after) {
        return StatementChanges.between(parse("old.acl", before), parse("new.acl", after));
    }

    private static String where(Statement s) {
        return s.position().fileAndLine();
    }

    @Test
    void sameStatementsInTheSameOrderAreNoChangeWhateverTheLayout() {
        StatementChanges changes = diff("default deny\nallow all to publish \"a\"   # why\n",
                "# header\n\ndefault   deny\nallow all\n   to publish \"a\"\n");
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void addedRemovedAndMovedAreToldApart() {
        StatementChanges changes = diff("""
                allow all to publish "a"
                allow all to publish "b"
                allow all to publish "c"
                allow all to publish "d"
                """, """
                allow all to publish "a"
                allow all to publish "d"
                allow all to publish "b"
                allow all to publish "e"
                """);
        assertThat(changes.added()).extracting(s -> where(s) + " " + s.text()).containsExactly("new.acl:4 allow all to publish \"e\"");
        assertThat(changes.removed()).extracting(s -> where(s) + " " + s.text()).containsExactly("old.acl:3 allow all to publish \"c\"");
        // a, b kept in order; d moved above b (one move explains the new order, not two).
        assertThat(changes.moved()).extracting(m -> where(m.before()) + " -> " + where(m.after()))
                .containsExactly("old.acl:4 -> new.acl:2");
    }

    @Test
    void aStatementWrittenTwiceIsMatchedOncePerCopy() {
        StatementChanges changes = diff("allow all to publish \"a\"\nallow all to publish \"a\"\n", "allow all to publish \"a\"\n");
        assertThat(changes.removed()).extracting(StatementChangesTest::where).containsExactly("old.acl:2");
        assertThat(changes.added()).isEmpty();
        assertThat(changes.moved()).isEmpty();
    }

    @Test
    void reversingThreeStatementsMovesTwo() {
        StatementChanges changes = diff("deny all\nallow username \"a\"\nallow username \"b\"\n",
                "allow username \"b\"\nallow username \"a\"\ndeny all\n");
        assertThat(changes.moved()).hasSize(2);
        assertThat(changes.added()).isEmpty();
        assertThat(changes.removed()).isEmpty();
    }
}
