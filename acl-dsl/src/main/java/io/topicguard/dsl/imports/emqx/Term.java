package io.topicguard.dsl.imports.emqx;

import java.util.List;

/** An Erlang term of an acl.conf, with the 1-based line and column where it starts. */
sealed interface Term {

    int line();

    int column();

    /** An atom: {@code allow}, {@code 'and'} (quotes removed). */
    record Atom(String name, int line, int column) implements Term {
    }

    /**
     * A string {@code "..."} or binary {@code <<"...">>}, escapes decoded.
     *
     * @param valueColumn the column of the first character after the opening quote
     */
    record Str(String value, int line, int column, int valueColumn) implements Term {

        /**
         * The column, on {@link #line()}, of the value's character at {@code offset}; the opening
         * quote's when a line break comes before it (an Erlang string may span lines, and a
         * column on the string's first line would point past that line's end).
         */
        int columnAt(int offset) {
            int end = Math.min(Math.max(offset, 0), value.length());
            return value.lastIndexOf('\n', end - 1) >= 0 ? column : valueColumn + value.codePointCount(0, end);
        }
    }

    /** An integer as written (it may not fit any Java type; a QoS is checked by its text). */
    record Int(String digits, int line, int column) implements Term {
    }

    record Tuple(List<Term> items, int line, int column) implements Term {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    record ListTerm(List<Term> items, int line, int column) implements Term {
        public ListTerm {
            items = List.copyOf(items);
        }
    }

    /** How a term is named in messages: "the atom 'x'", "a list", ... */
    static String describe(Term term) {
        if (term instanceof Atom a) {
            return "the atom '" + a.name() + "'";
        }
        if (term instanceof Str s) {
            return "the string \"" + s.value() + "\"";
        }
        if (term instanceof Int i) {
            return "the number " + i.digits();
        }
        if (term instanceof Tuple t) {
            return "a tuple of " + t.items().size();
        }
        return "a list";
    }
}
