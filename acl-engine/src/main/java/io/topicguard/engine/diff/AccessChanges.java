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
 * The questions whose answers change, asked of both compiled policies: sample clients
 * ({@link SampleClients}) of the who-groups that can be affected connect, and publish and
 * subscribe on the topics that can be affected, placeholders rendered for the client (a filter's
 * wildcards become a level named {@code x} for publishing). When only rules changed, that is the
 * changed rules and every rule whose topics overlap theirs (first match decides, so no other
 * answer can change); when a setting, ban or superuser changed, every group and rule topic of
 * both versions. The changed groups and topics always come first; {@code all} and
 * {@code anonymous} are always asked.
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
    /** Past this many changed rules (a rewrite), every rule is a candidate rather than the overlapping ones. */
    private static final int MAX_CHANGED_RULES_TO_NARROW = 1_000;

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
        Set<Who> groups = new LinkedHashSet<>();
        Set<Topic> topics = new LinkedHashSet<>();
        if (!statements.isEmpty()) {
            List<RuleStatement> changedRules = statements.all().stream()
                    .filter(st -> st instanceof RuleStatement).map(st -> (RuleStatement) st).toList();
            boolean onlyRules = changedRules.size() == statements.all().size() && changedRules.size() <= MAX_CHANGED_RULES_TO_NARROW;
            // The changed statements' groups and topics first, so a change is shown under the group
            // that changed. Then, because first match decides, the rules a changed rule can come
            // before or after: when only rules changed, those whose topics overlap a changed rule's
            // (no other answer can change); otherwise (a setting, ban or superuser) every rule.
            for (Statement changed : statements.all()) {
                addGroupAndTopics(changed, groups, topics);
            }
            for (PolicyAst ast : List.of(beforeAst, afterAst)) {
                for (RuleStatement rule : ast.rules()) {
                    if (!onlyRules || TopicOverlap.any(rule, changedRules)) {
                        addGroupAndTopics(rule, groups, topics);
                    }
                }
                if (!onlyRules) {
                    ast.statements().forEach(st -> addGroupAndTopics(st, groups, topics));
                }
            }
            groups.add(new Who.All());
            groups.add(new Who.Anonymous());
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

    private static void addGroupAndTopics(Statement statement, Set<Who> groups, Set<Topic> topics) {
        Who who = who(statement);
        if (who != null) {
            groups.add(who);
        }
        if (statement instanceof RuleStatement rule) {
            topics.addAll(rule.topics());
        }
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
        Set<String> published = new LinkedHashSet<>(); // "a/+" and "a/#" both publish to "a/x": ask once
        for (String filter : filters) {
            String name = topicName(filter);
            boolean publishNew = published.add(name);
            for (int qos = 0; qos <= 2; qos++) {
                for (boolean retain : !publishNew ? new boolean[0] : qos == 0 ? new boolean[]{false, true} : new boolean[]{false}) {
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
