package io.topicguard.dsl.ast;

/** The value of one setting statement (docs/language.md). */
public enum Setting {
    DEFAULT_ALLOW(Kind.DEFAULT),
    DEFAULT_DENY(Kind.DEFAULT),
    ANONYMOUS_ALLOW(Kind.ANONYMOUS),
    ANONYMOUS_DENY(Kind.ANONYMOUS),
    ON_DENY_IGNORE(Kind.ON_DENY),
    ON_DENY_DISCONNECT(Kind.ON_DENY),
    PARTIAL_FILTER(Kind.PARTIAL),
    PARTIAL_DENY(Kind.PARTIAL);

    /** Which setting a value belongs to; each kind may be given at most once per policy. */
    public enum Kind {
        DEFAULT("default"), ANONYMOUS("anonymous"), ON_DENY("on deny"), PARTIAL("partial");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        /** The keyword(s) as written in a policy, e.g. {@code "on deny"}. */
        public String keyword() {
            return keyword;
        }
    }

    private final Kind kind;

    Setting(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
