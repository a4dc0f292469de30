package io.topicguard.engine.diff;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.who.WhoCompiler;
import io.topicguard.engine.who.WhoPredicate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Clients a who-expression holds for, built from what it names: {@code username "x"} gives a
 * client named x, {@code ip "10.0.0.0/8"} one at 10.0.0.0, a regex one named after its literal
 * part ({@code ~ "^sensor-"} gives "sensor-"), each branch of an {@code or} its own client. Every
 * candidate is checked against the compiled expression, so a sample always satisfies it; an
 * expression none satisfies (a regex without a literal part, a {@code not}) gets none, and the
 * caller says so rather than guessing.
 */
final class SampleClients {

    /** Used for attributes the expression does not name; a username, so the client may connect. */
    static final String SAMPLE_USERNAME = "sample-user";
    static final String SAMPLE_CLIENT_ID = "sample-client";
    private static final int MAX_PER_EXPRESSION = 4;

    private final WhoCompiler compiler = new WhoCompiler();

    /** Up to four distinct clients {@code who} holds for; empty when none could be built. */
    List<ClientInfo> of(Who who) {
        WhoPredicate predicate = compiler.compile(who);
        Set<ClientInfo> samples = new LinkedHashSet<>();
        for (Draft draft : drafts(who)) {
            ClientInfo client = draft.client();
            if (predicate.test(client)) {
                samples.add(client);
                if (samples.size() == MAX_PER_EXPRESSION) {
                    break;
                }
            }
        }
        return new ArrayList<>(samples);
    }

    /** A client being built: null fields are not yet constrained. */
    private record Draft(String username, String clientId, String cn, InetAddress address, String listener, boolean anonymous) {

        static final Draft EMPTY = new Draft(null, null, null, null, null, false);

        Draft with(Attribute attribute, String value) {
            return switch (attribute) {
                case USERNAME -> new Draft(value, clientId, cn, address, listener, anonymous);
                case CLIENTID -> new Draft(username, value, cn, address, listener, anonymous);
                case CN -> new Draft(username, clientId, value, address, listener, anonymous);
            };
        }

        Draft merge(Draft other) {
            return new Draft(first(username, other.username), first(clientId, other.clientId), first(cn, other.cn),
                    address != null ? address : other.address, first(listener, other.listener), anonymous || other.anonymous);
        }

        ClientInfo client() {
            return ClientInfo.builder(clientId != null ? clientId : SAMPLE_CLIENT_ID)
                    .username(anonymous ? null : username != null ? username : SAMPLE_USERNAME)
                    .commonName(cn)
                    .address(address)
                    .listener(listener)
                    .build();
        }

        private static String first(String a, String b) {
            return a != null ? a : b;
        }
    }

    private static List<Draft> drafts(Who who) {
        List<Draft> out = new ArrayList<>();
        if (who instanceof Who.Equals e) {
            out.add(Draft.EMPTY.with(e.attribute(), e.value()));
        } else if (who instanceof Who.In in) {
            in.values().forEach(v -> out.add(Draft.EMPTY.with(in.attribute(), v)));
        } else if (who instanceof Who.Matches m) {
            out.add(Draft.EMPTY.with(m.attribute(), literalPart(m.pattern())));
        } else if (who instanceof Who.Ip ip) {
            ip.blocks().forEach(b -> out.add(new Draft(null, null, null, address(b), null, false)));
        } else if (who instanceof Who.Listener l) {
            out.add(new Draft(null, null, null, null, l.name(), false));
        } else if (who instanceof Who.Anonymous) {
            out.add(new Draft(null, null, null, null, null, true));
        } else if (who instanceof Who.Or or) {
            or.operands().forEach(op -> out.addAll(drafts(op)));
        } else if (who instanceof Who.And and) {
            List<Draft> combined = List.of(Draft.EMPTY);
            for (Who operand : and.operands()) {
                List<Draft> next = new ArrayList<>();
                List<Draft> options = drafts(operand);
                for (Draft base : combined) {
                    for (Draft option : options) {
                        if (next.size() < 16) {
                            next.add(base.merge(option));
                        }
                    }
                }
                combined = next.isEmpty() ? combined : next;
            }
            out.addAll(combined);
        } else {
            out.add(Draft.EMPTY); // all, not: the defaults, checked like any other candidate
        }
        return out;
    }

    /** The regex with anchors and escapes dropped: {@code ^sensor-} gives "sensor-", {@code \.example$} ".example". */
    static String literalPart(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append(pattern.charAt(++i));
            } else if ("^$".indexOf(c) < 0) {
                if ("()[]{}|*+?.".indexOf(c) >= 0) {
                    break;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static InetAddress address(IpBlock block) {
        try {
            return InetAddress.getByAddress(block.address());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an IP block of " + block.address().length + " bytes", e);
        }
    }
}
