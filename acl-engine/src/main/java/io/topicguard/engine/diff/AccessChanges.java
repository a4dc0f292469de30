package io.topicguard.engine.diff;

import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The questions whose answers change, asked of both compiled policies: when any statement changed,
 * sample clients ({@link SampleClients}) of every who-group of both versions (the changed ones
 * first, then the others, {@code all} and {@code anonymous}) connect, and publish and subscribe on
 * the topics of every rule of both versions, placeholders rendered for the client (a filter's
 * wildcards become a level named {@code x} for publishing).
 * Publishes are asked at QoS 0, 1 and 2 and retained at QoS 0; subscribes at QoS 0, 1 and 2.
 */
public final class AccessChanges {

    private AccessChanges() {
    }

    /**
     * Questions asked of each policy before the comparison stops: a million-rule policy has as
     * many topics and groups, and their product is no review's business; the changed groups come
     * first, so they are compared whatever the policy's size.
     */
    static final long MAX_QUESTIONS = 5_000_000L;

    /**
     * What {@link #between} found.
     *
     * @param unsampled   who-groups no sample client could be built for
     * @param notCompared who-groups left when the question budget ran out (0: all were compared)
     */
    public record Result(List<AccessChange> changes, List<Who> unsampled, int notCompared) {
        public Result {
            changes = List.copyOf(changes);
            unsampled = List.copyOf(unsampled);
        }
    }

    public static Result between(PolicyAst beforeAst, Policy before, PolicyAst afterAst, Policy after, StatementChanges statements) {
        return between(beforeAst, before, afterAst, after, statements, MAX_QUESTIONS);
    }

    static Result between(PolicyAst beforeAst, Policy before, PolicyAst afterAst, Policy after, StatementChanges statements,
                          long maxQuestions) {
        // The changed statements' groups first, so a change is shown under the group that changed;
        // then every other group: first match decides, so an added, removed or moved statement also
        // changes answers for the clients of the statements it now comes before or no longer does.
        Set<Who> groups = new LinkedHashSet<>();
        if (!statements.isEmpty()) {
            List<Statement> changedFirst = new ArrayList<>(statements.all());
            changedFirst.addAll(beforeAst.statements());
            changedFirst.addAll(afterAst.statements());
            for (Statement statement : changedFirst) {
                Who who = who(statement);
                if (who != null) {
                    groups.add(who);
                }
            }
            groups.add(new Who.All());
            groups.add(new Who.Anonymous());
        }
        Set<Topic> topics = new LinkedHashSet<>(); // the changed rules' topics first
        statements.all().stream().filter(s -> s instanceof RuleStatement).forEach(s -> topics.addAll(((RuleStatement) s).topics()));
        for (PolicyAst ast : List.of(beforeAst, afterAst)) {
            ast.rules().forEach(rule -> topics.addAll(rule.topics()));
        }
        SampleClients samples = new SampleClients();
        List<AccessChange> changes = new ArrayList<>();
        List<Who> unsampled = new ArrayList<>();
        Set<ClientInfo> asked = new LinkedHashSet<>();
        long questions = 0;
        int compared = 0;
        for (Who who : groups) {
            if (questions >= maxQuestions) {
                break;
            }
            compared++;
            List<ClientInfo> clients = samples.of(who);
            if (clients.isEmpty()) {
                unsampled.add(who);
            }
            for (ClientInfo client : clients) {
                if (asked.add(client)) {
                    questions += compare(who, client, topics, before, after, changes);
                }
            }
        }
        return new Result(changes, unsampled, groups.size() - compared);
    }

    private static @Nullable Who who(Statement statement) {
        if (statement instanceof RuleStatement rule) {
            return rule.who();
        }
        if (statement instanceof BanStatement ban) {
            return ban.who();
        }
        if (statement instanceof SuperuserStatement superuser) {
            return superuser.who();
        }
        return null;
    }

    /** Asks {@code client}'s questions of both policies, adds the changed answers to {@code out}, returns how many were asked. */
    private static int compare(Who who, ClientInfo client, Set<Topic> topics, Policy before, Policy after, List<AccessChange> out) {
        ClientBinding old = before.bind(client);
        ClientBinding now = after.bind(client);
        Decision oldConnect = old.connect();
        Decision newConnect = now.connect();
        if (oldConnect.verdict() != newConnect.verdict()) {
            out.add(new AccessChange(who, client, "connect", null, 0, false, oldConnect, newConnect));
        }
        Set<String> filters = new LinkedHashSet<>();
        for (Topic topic : topics) {
            String filter = rendered(topic, client);
            if (filter != null) {
                filters.add(filter);
            }
        }
        for (String filter : filters) {
            String name = topicName(filter);
            for (int qos = 0; qos <= 2; qos++) {
                for (boolean retain : qos == 0 ? new boolean[]{false, true} : new boolean[]{false}) {
                    Decision a = oldConnect.allowed() ? old.publish(name, qos, retain) : oldConnect;
                    Decision b = newConnect.allowed() ? now.publish(name, qos, retain) : newConnect;
                    if (a.verdict() != b.verdict()) {
                        out.add(new AccessChange(who, client, "publish", name, qos, retain, a, b));
                    }
                }
                Decision a = oldConnect.allowed() ? old.subscribe(filter, qos) : oldConnect;
                Decision b = newConnect.allowed() ? now.subscribe(filter, qos) : newConnect;
                if (a.verdict() != b.verdict()) {
                    out.add(new AccessChange(who, client, "subscribe", filter, qos, false, a, b));
                }
            }
        }
        return 1 + filters.size() * 7; // connect; per filter, 4 publishes and 3 subscribes
    }

    /** The rule topic as the client would send it: placeholders replaced; null when the client lacks a value or the topic is {@code any}. */
    static @Nullable String rendered(Topic topic, ClientInfo client) {
        if (topic instanceof Topic.Exact exact) {
            return exact.topic();
        }
        if (!(topic instanceof Topic.Filter filter)) {
            return null;
        }
        String text = filter.filter();
        text = replace(text, "${username}", client.username());
        text = replace(text, "${clientid}", client.clientId().isEmpty() ? null : client.clientId());
        text = replace(text, "${cn}", client.commonName());
        return text;
    }

    private static @Nullable String replace(@Nullable String text, String placeholder, @Nullable String value) {
        if (text == null || !text.contains(placeholder)) {
            return text;
        }
        return value == null || value.contains("/") || value.contains("+") || value.contains("#") ? null : text.replace(placeholder, value);
    }

    /** A topic name the filter matches: each {@code +} or {@code #} level becomes {@code x}. */
    static String topicName(String filter) {
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals("+") || levels[i].equals("#")) {
                levels[i] = "x";
            }
        }
        return String.join("/", levels);
    }
}
