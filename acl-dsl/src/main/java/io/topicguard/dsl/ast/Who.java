package io.topicguard.dsl.ast;

import java.util.List;

/** A who-expression: which clients a statement is about (docs/language.md). */
public sealed interface Who {

    /** {@code all}: every client. */
    record All() implements Who {
    }

    /** {@code anonymous}: a client without username. */
    record Anonymous() implements Who {
    }

    /** {@code username "x"}: exact, case-sensitive. An absent attribute never matches. */
    record Equals(Attribute attribute, String value) implements Who {
    }

    /** {@code username in ["a", "b"]}. */
    record In(Attribute attribute, List<String> values) implements Who {
        public In {
            values = List.copyOf(values);
        }
    }

    /**
     * {@code username ~ "regex"}: a search (find anywhere), RE2 syntax, validated by the parser.
     * An absent attribute never matches.
     */
    record Matches(Attribute attribute, String pattern) implements Who {
    }

    /** {@code ip "10.0.0.0/8"} or {@code ip in [...]}: the peer address is in one of the blocks. */
    record Ip(List<IpBlock> blocks) implements Who {
        public Ip {
            blocks = List.copyOf(blocks);
        }
    }

    /** {@code listener "tls"}. */
    record Listener(String name) implements Who {
    }

    record Not(Who operand) implements Who {
    }

    /** Two or more operands. */
    record And(List<Who> operands) implements Who {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** Two or more operands. */
    record Or(List<Who> operands) implements Who {
        public Or {
            operands = List.copyOf(operands);
        }
    }
}
