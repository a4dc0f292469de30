package io.topicguard.dsl.check;

/** Shortens text quoted in a message, so a 10 MB string in a policy makes a one-line message. */
public final class Clip {

    /** Characters of quoted text kept in a message. */
    public static final int MAX = 60;

    private Clip() {
    }

    public static String of(String text) {
        if (text.length() <= MAX) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return text.substring(0, end) + "...";
    }
}
