package io.topicguard.jmh.bench;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The two policy shapes {@link DecisionCacheBenchmark} asks the decision cache about, and the one
 * client it asks for. Both are written here rather than by {@code PolicyGenerator} because the
 * cache question needs topics of a chosen depth, which the fleet policy's fixed topics are not.
 */
public enum CachePolicy {

    /**
     * One per-user rule for each of {@value #USERS} users, {@code fleet/#}: after binding, the
     * client has exactly one applicable rule, the cheapest check the engine has.
     */
    EXACT,

    /**
     * {@value #GROUPS} groups, each granted through regex and CIDR who-expressions the client
     * matches (plus as many regex rules for other users that binding drops): a bound client has
     * hundreds of applicable rules whose wildcard filters all share the topic's first level, so
     * the check walks many branches. Who-expressions are evaluated once at bind time (docs/semantics.md, The client),
     * so the cost measured is the many groups, not the regular expressions.
     */
    REGEX;

    static final int USERS = 1_000;
    static final int GROUPS = 256;
    /** The one client every query is about. */
    static final String USERNAME = "user-7";
    static final String ADDRESS = "192.168.7.10";

    /** The policy text, in the native language (docs/language.md). */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (this == EXACT) {
            for (int i = 0; i < USERS; i++) {
                out.append("allow username \"user-").append(i).append("\" to publish, subscribe \"fleet/#\"\n");
            }
            return out.toString();
        }
        for (int g = 0; g < GROUPS; g++) {
            out.append("allow username ~ \"^user-[0-9]+$\" to publish, subscribe \"fleet/+/s").append(g).append("/#\"\n");
            out.append("allow ip \"192.168.0.0/16\" to publish \"fleet/+/s").append(g).append("/+/alerts\"\n");
            out.append("deny username ~ \"^user-\" to publish \"fleet/+/s").append(g).append("/+/+/blocked/#\"\n");
            out.append("allow username ~ \"^ops-").append(g).append("-\" to publish, subscribe \"fleet/#\"\n");
        }
        return out.toString();
    }

    /** The compiled policy; a rejected one is a broken benchmark, said loudly. */
    Policy compile() {
        return Policies.compile(text(), this == EXACT ? USERS : 4 * GROUPS);
    }

    /** The client the queries are about: {@value #USERNAME} from {@value #ADDRESS}, listener {@code tcp}. */
    static ClientInfo client() {
        try {
            // A literal address: getByName parses it without a lookup.
            return ClientInfo.builder("client-7").username(USERNAME).address(InetAddress.getByName(ADDRESS))
                    .listener("tcp").build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not a literal address: " + ADDRESS, e);
        }
    }

    /**
     * Topic number {@code n} of {@code depth} levels ({@code depth ≥ 3}):
     * {@code fleet/nN/sG/l3/…}, G being N modulo {@value #GROUPS}. Distinct for distinct N, and
     * allowed to the client by both policies.
     */
    static String topic(int n, int depth) {
        StringBuilder out = new StringBuilder("fleet/n").append(n).append("/s").append(n % GROUPS);
        for (int level = 3; level < depth; level++) {
            out.append("/l").append(level);
        }
        return out.toString();
    }
}
