package io.topicguard.dsl.imports.emqx;

import io.topicguard.dsl.grammar.EmqxAclLexer;
import io.topicguard.dsl.imports.common.SyntaxErrorCollector.Worded;
import org.antlr.v4.runtime.Token;

/** Words a syntax error in an acl.conf by the token where reading stopped. */
final class EmqxSyntax {

    private EmqxSyntax() {
    }

    static Worded describe(Token found) {
        return switch (found.getType()) {
            case Token.EOF -> new Worded("the file ends inside a rule", "every rule ends with '.', e.g. {allow, all}.");
            case EmqxAclLexer.UNTERMINATED_STRING -> new Worded("unterminated string: no closing '\"'", null);
            case EmqxAclLexer.VARIABLE -> new Worded("unexpected '" + found.getText()
                    + "': an atom starts with a lower-case letter (write 'and' in single quotes)", null);
            case EmqxAclLexer.DOT -> new Worded("unexpected '.': a rule ends only after its closing '}'", null);
            case EmqxAclLexer.UNEXPECTED -> new Worded("unexpected character '" + found.getText() + "'", null);
            case EmqxAclLexer.LBRACE -> new Worded("unexpected '{': is the '.' after the previous rule missing?",
                    "every rule ends with '.'");
            default -> new Worded("unexpected '" + found.getText() + "'", "a rule looks like {allow, {username, \"u\"}, publish, [\"t/#\"]}.");
        };
    }
}
