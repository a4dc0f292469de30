package io.topicguard.dsl.check;

import io.topicguard.dsl.ast.IpBlock;

import java.util.Arrays;

/**
 * Parses IPv4 and IPv6 address and CIDR literals by hand, so that no text is ever handed to a
 * resolver (no DNS lookup can happen while loading a policy).
 *
 * <p>Accepted: {@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code 2001:db8::1}, {@code fd00::/8},
 * {@code ::}, {@code ::ffff:10.0.0.1} (an IPv4 tail in IPv6). Host bits below the prefix are cleared
 * ({@code 10.1.2.3/8} is the block {@code 10.0.0.0/8}). An IPv4-mapped block of /96 or longer is the
 * IPv4 block it maps ({@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}). Rejected: octal-looking or out-of-range
 * octets, zone ids ({@code %eth0}), host names.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /** The outcome: a block, or a problem in words. */
    public sealed interface Result {
    }

    public record Parsed(IpBlock block) implements Result {
    }

    public record Invalid(Problem problem) implements Result {
    }

    public static Result parse(String text) {
        String address = text;
        int prefix = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            address = text.substring(0, slash);
            String bits = text.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !digits(bits)) {
                return invalid("invalid prefix length '/" + Clip.of(bits) + "' in \"" + Clip.of(text) + "\"", slash,
                        "a CIDR prefix is a number: 0..32 for IPv4, 0..128 for IPv6, e.g. \"10.0.0.0/8\"");
            }
            prefix = Integer.parseInt(bits);
        }
        byte[] bytes = address.indexOf(':') >= 0 ? ipv6(address) : ipv4(address);
        if (bytes == null) {
            String hint = address.indexOf('%') >= 0
                    ? "zone ids (%...) are not supported in a policy"
                    : "write an IPv4 or IPv6 address or CIDR, e.g. \"10.0.0.0/8\" or \"fd00::/8\"; host names are not allowed";
            return invalid("\"" + Clip.of(text) + "\" is not an IP address or CIDR block", -1, hint);
        }
        int maxBits = bytes.length * 8;
        if (prefix > maxBits) {
            return invalid("prefix length /" + prefix + " is too long for an IPv" + (bytes.length == 4 ? "4" : "6")
                    + " address (at most /" + maxBits + ")", slash, null);
        }
        if (prefix < 0) {
            prefix = maxBits;
        }
        if (bytes.length == 16 && prefix >= 96 && ipv4Mapped(bytes)) {
            // Java presents an IPv4-mapped peer (::ffff:a.b.c.d) as the IPv4 address a.b.c.d, so a
            // mapped block kept as IPv6 would silently match nobody: it means the IPv4 block.
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= 96;
        }
        clearHostBits(bytes, prefix);
        return new Parsed(new IpBlock(text, bytes, prefix));
    }

    /** Whether {@code bytes} lies in ::ffff:0:0/96 (RFC 4291 §2.5.5.2). */
    private static boolean ipv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Invalid invalid(String message, int offset, String hint) {
        return new Invalid(new Problem(message, offset, hint));
    }

    private static void clearHostBits(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
    }

    /** Four decimal octets 0..255 without leading zeros (which some tools read as octal). */
    static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !digits(p)) {
                return null;
            }
            int value = Integer.parseInt(p);
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    /** RFC 4291 §2.2 text forms: eight groups, one {@code ::}, an optional IPv4 tail. */
    static byte[] ipv6(String s) {
        if (s.isEmpty() || s.indexOf('%') >= 0) {
            return null;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon < 0);
        int[] tailGroups = doubleColon >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon >= 0 ? total > 7 : total != 8) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(out, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(out, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[group * 2] = (byte) (value >> 8);
        out[group * 2 + 1] = (byte) value;
    }

    /**
     * The 16-bit groups of a colon-separated run; an empty run has none. When {@code ipv4TailAllowed},
     * the last element may be a dotted IPv4 address, counted as two groups.
     */
    private static int[] groups(String run, boolean ipv4TailAllowed) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        int count = parts.length;
        boolean ipv4Tail = ipv4TailAllowed && parts[count - 1].indexOf('.') >= 0;
        int[] out = new int[count + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < count; i++) {
            String p = parts[i];
            if (ipv4Tail && i == count - 1) {
                byte[] v4 = ipv4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < p.length(); j++) {
                int digit = Character.digit(p.charAt(j), 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            out[i] = value;
        }
        return out;
    }
}
