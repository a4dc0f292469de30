package io.topicguard.engine.who;

import com.google.re2j.Pattern;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientInfo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@link Who} trees into {@link WhoPredicate}s. Regular expressions run on RE2/J, in time
 * linear in the input, because usernames and client ids are attacker-controlled (issue 2 §3).
 *
 * <p>Not thread-safe: one compiler per policy compilation. It caches compiled patterns so a policy
 * that repeats one regex a million times compiles it once.
 */
public final class WhoCompiler {

    private final Map<String, Pattern> patterns = new HashMap<>();
    private final Map<Who, WhoPredicate> compiled = new HashMap<>();

    /** The predicate for {@code who}; equal expressions share one predicate. */
    public WhoPredicate compile(Who who) {
        if (who instanceof Who.Equals) {
            // Cheap to build and usually distinct (a million per-user rules): caching costs more than it saves.
            return build(who);
        }
        WhoPredicate known = compiled.get(who);
        if (known != null) {
            return known;
        }
        WhoPredicate predicate = build(who);
        compiled.put(who, predicate);
        return predicate;
    }

    private WhoPredicate build(Who who) {
        if (who instanceof Who.All) {
            return client -> true;
        }
        if (who instanceof Who.Anonymous) {
            return ClientInfo::anonymous;
        }
        if (who instanceof Who.Equals eq) {
            Attribute attribute = eq.attribute();
            String value = eq.value();
            return client -> value.equals(attribute(client, attribute));
        }
        if (who instanceof Who.In in) {
            Attribute attribute = in.attribute();
            Set<String> values = new HashSet<>(in.values());
            return client -> {
                String actual = attribute(client, attribute);
                return actual != null && values.contains(actual);
            };
        }
        if (who instanceof Who.Matches matches) {
            Attribute attribute = matches.attribute();
            RequiredLiterals.PlainPattern plain = RequiredLiterals.plain(matches.pattern());
            if (plain != null) {
                // ^ops-7- and the like, the common case: a string comparison instead of running RE2/J.
                return client -> {
                    String actual = attribute(client, attribute);
                    return actual != null && plain.find(actual);
                };
            }
            Pattern pattern = patterns.computeIfAbsent(matches.pattern(), Pattern::compile);
            return client -> {
                String actual = attribute(client, attribute);
                // docs/language.md: a search (find anywhere), not a full match.
                return actual != null && pattern.matcher(actual).find();
            };
        }
        if (who instanceof Who.Ip ip) {
            return new IpPredicate(ip.blocks());
        }
        if (who instanceof Who.Listener listener) {
            String name = listener.name();
            return client -> name.equals(client.listener());
        }
        if (who instanceof Who.Not not) {
            WhoPredicate operand = compile(not.operand());
            return client -> !operand.test(client);
        }
        if (who instanceof Who.And and) {
            WhoPredicate[] operands = compileAll(and.operands());
            return client -> {
                for (WhoPredicate operand : operands) {
                    if (!operand.test(client)) {
                        return false;
                    }
                }
                return true;
            };
        }
        Who.Or or = (Who.Or) who;
        WhoPredicate[] operands = compileAll(or.operands());
        return client -> {
            for (WhoPredicate operand : operands) {
                if (operand.test(client)) {
                    return true;
                }
            }
            return false;
        };
    }

    private WhoPredicate[] compileAll(List<Who> operands) {
        WhoPredicate[] result = new WhoPredicate[operands.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = compile(operands.get(i));
        }
        return result;
    }

    /** The client's value of {@code attribute}, or null when absent. */
    public static String attribute(ClientInfo client, Attribute attribute) {
        switch (attribute) {
            case USERNAME:
                return client.username();
            case CLIENTID:
                return client.clientId();
            default:
                return client.commonName();
        }
    }
}
