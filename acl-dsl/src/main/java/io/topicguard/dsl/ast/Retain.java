package io.topicguard.dsl.ast;

/** The {@code retain} option of a rule: absent (ANY), {@code retain true} or {@code retain false}. */
public enum Retain {
    ANY, TRUE, FALSE;

    public boolean allows(boolean retain) {
        return this == ANY || (this == TRUE) == retain;
    }
}
