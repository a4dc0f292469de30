package io.topicguard.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses an IPv4 or IPv6 address literal given on the command line or in a batch query, without
 * ever asking DNS: {@link InetAddress#getByName} resolves anything that is not a literal, so the
 * text is checked to be one first.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {
    }

    /**
     * The address written in {@code text}.
     *
     * @throws IllegalArgumentException with a message naming the text when it is not a literal
     */
    static InetAddress parse(String text) {
        // A ':' makes InetAddress treat the text as an IPv6 literal and fail rather than resolve it.
        boolean literal = IPV4.matcher(text).matches() || (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches());
        if (literal) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("not an IPv4 or IPv6 address literal: \"" + text + "\" (host names are not resolved)");
    }
}
