package io.topicguard.dsl.ast;

/** The string attributes of a client that who-terms compare. */
public enum Attribute {
    USERNAME("username"), CLIENTID("clientid"), CN("cn");

    private final String keyword;

    Attribute(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
