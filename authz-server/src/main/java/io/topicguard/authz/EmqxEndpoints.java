package io.topicguard.authz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRule;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * EMQX 5's HTTP authentication ({@code POST /emqx/authn}) and HTTP authorization
 * ({@code POST /emqx/authz}) contracts (docs/integrations.md). EMQX reads only HTTP 200 with
 * {@code result} as a decision (any other status is "ignore"), so every decision is 200.
 */
final class EmqxEndpoints {

    static final String AUTHN = "/emqx/authn";
    static final String AUTHZ = "/emqx/authz";

    private final Bindings bindings;
    private final Admission admission;
    private final DenialLog denials;

    EmqxEndpoints(Bindings bindings, Admission admission, DenialLog denials) {
        this.bindings = bindings;
        this.admission = admission;
        this.denials = denials;
    }

    /** {@code {"username","password","clientid","peerhost"}} (+ {@code cn}, {@code listener}). */
    CompletableFuture<Reply> authenticate(RequestBody body, HttpHeaders headers) throws BadRequest {
        String password = body.optionalString("password");
        ClientInfo client = client(body);
        return admission.admit(AUTHN, client, password == null ? null : password.getBytes(StandardCharsets.UTF_8))
                .thenApply(EmqxEndpoints::authenticationReply);
    }

    private static Reply authenticationReply(Admission.Outcome outcome) {
        ObjectNode out = Reply.JSON.createObjectNode();
        if (outcome instanceof Admission.Admitted admitted) {
            out.put("result", "allow").put("is_superuser", admitted.superuser());
            if (!admitted.rules().isEmpty()) {
                out.set("acl", acl(admitted.rules()));
            }
            return Reply.json(200, out, admitted.superuser() ? "superuser" : "allow", "allow");
        }
        if (outcome instanceof Admission.RefusedByPolicy refused) {
            return Reply.json(200, out.put("result", "deny"), Reply.explain(refused.decision()), "deny");
        }
        if (outcome instanceof Admission.RefusedByChain) {
            return Reply.json(200, out.put("result", "deny"), "bad username or password", "deny");
        }
        if (outcome instanceof Admission.Unknown) {
            return Reply.json(200, out.put("result", "ignore"), "no authenticator knows the client", "ignore");
        }
        return Reply.message(503, "busy: the authentication queue is full", "busy");
    }

    /** {@code {"username","clientid","peerhost","action","topic","qos","retain"}}. */
    CompletableFuture<Reply> authorize(RequestBody body, HttpHeaders headers) throws BadRequest {
        String action = body.requiredString("action");
        String topic = body.requiredString("topic");
        int qos = body.qos("qos", 0);
        boolean retain = body.flag("retain", false);
        ClientInfo client = client(body);
        ClientBinding binding = bindings.of(client);
        Decision decision;
        switch (action) {
            case "publish":
                decision = binding.publish(topic, qos, retain);
                break;
            case "subscribe":
                decision = binding.subscribe(topic, qos);
                break;
            default:
                throw BadRequest.field("action", "must be \"publish\" or \"subscribe\", was " + Values.quote(action));
        }
        boolean allowed = decision.verdict() == Verdict.ALLOW;
        if (decision.verdict() == Verdict.PARTIAL) {
            // EMQX checks only the filter, never each delivery: a partial filter would leak (docs/semantics.md).
            denials.partialRefused(AUTHZ, client, topic, decision);
        } else if (!allowed) {
            denials.denied(AUTHZ, client, action, topic, decision);
        }
        String result = allowed ? "allow" : "deny";
        return CompletableFuture.completedFuture(Reply.json(200, Reply.JSON.createObjectNode().put("result", result),
                Reply.explain(decision), result));
    }

    private static ClientInfo client(RequestBody body) throws BadRequest {
        return Clients.client(body.optionalString("clientid"), body.optionalString("username"), body.address("peerhost"),
                body.optionalString("cn"), body.optionalString("listener"));
    }

    /**
     * Carried rules as EMQX 5 writes them in an authentication answer's {@code acl}: EMQX renders
     * their placeholders itself ({@code ${cn}} is EMQX's {@code ${cert_common_name}}).
     */
    static ArrayNode acl(List<ClientRule> rules) {
        ArrayNode out = Reply.JSON.createArrayNode();
        for (ClientRule rule : rules) {
            ObjectNode entry = out.addObject()
                    .put("permission", rule.permission().name().toLowerCase(Locale.ROOT))
                    .put("action", rule.action().name().toLowerCase(Locale.ROOT))
                    .put("topic", (rule.exact() ? "eq " : "") + rule.topic().replace("${cn}", "${cert_common_name}"));
            ArrayNode qos = entry.putArray("qos");
            new TreeSet<>(rule.qos()).forEach(qos::add);
            if (rule.retain() != null) {
                entry.put("retain", rule.retain());
            }
        }
        return out;
    }
}
