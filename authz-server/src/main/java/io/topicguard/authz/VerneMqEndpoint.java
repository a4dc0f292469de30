package io.topicguard.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * VerneMQ's webhooks ({@code vmq_webhooks}) on one path, {@code POST /vernemq}, told apart by the
 * {@code vernemq-hook} header: {@code auth_on_register}, {@code auth_on_publish},
 * {@code auth_on_subscribe} and their {@code _m5} forms. Answers {@code {"result":"ok"}},
 * {@code {"result":{"error":"not_allowed"}}}, or {@code {"result":"next"}} when no authenticator
 * knew the client (VerneMQ then asks its other plugins, as EMQX does on "ignore").
 *
 * <p>VerneMQ sends no peer address with publish and subscribe, so {@code ip} terms match only at
 * register; a {@code null} username is an anonymous client; the mountpoint is not part of the topic.
 */
final class VerneMqEndpoint {

    static final String PATH = "/vernemq";
    static final String HOOK_HEADER = "vernemq-hook";

    /** The SUBACK code VerneMQ sends for a refused filter: MQTT 3.1.1's 0x80, MQTT 5's 0x87 Not authorized. */
    private static final int REFUSED_V3 = 128;
    private static final int REFUSED_V5 = 135;

    private final Bindings bindings;
    private final Admission admission;
    private final DenialLog denials;

    VerneMqEndpoint(Bindings bindings, Admission admission, DenialLog denials) {
        this.bindings = bindings;
        this.admission = admission;
        this.denials = denials;
    }

    CompletableFuture<Reply> answer(RequestBody body, HttpHeaders headers) throws BadRequest {
        String hook = headers.get(HOOK_HEADER);
        if (hook == null) {
            throw new BadRequest("header \"" + HOOK_HEADER + "\": missing (auth_on_register, auth_on_publish or auth_on_subscribe)");
        }
        switch (hook) {
            case "auth_on_register":
            case "auth_on_register_m5":
                return register(body);
            case "auth_on_publish":
            case "auth_on_publish_m5":
                return CompletableFuture.completedFuture(publish(body));
            case "auth_on_subscribe":
                return CompletableFuture.completedFuture(subscribe(body, false));
            case "auth_on_subscribe_m5":
                return CompletableFuture.completedFuture(subscribe(body, true));
            default:
                throw new BadRequest("header \"" + HOOK_HEADER + "\": " + Values.quote(hook)
                        + " is not a hook this service answers (auth_on_register, auth_on_publish, auth_on_subscribe and their _m5 forms)");
        }
    }

    private CompletableFuture<Reply> register(RequestBody body) throws BadRequest {
        String password = body.optionalString("password");
        ClientInfo client = Clients.client(body.requiredString("client_id"), body.optionalString("username"),
                body.address("peer_addr"), null, null);
        return admission.admit(PATH, client, password == null ? null : password.getBytes(StandardCharsets.UTF_8))
                .thenApply(outcome -> {
                    if (outcome instanceof Admission.Admitted) {
                        return ok(Reply.JSON.createObjectNode(), "allow", "allow");
                    }
                    if (outcome instanceof Admission.RefusedByPolicy refused) {
                        return notAllowed(Reply.explain(refused.decision()));
                    }
                    if (outcome instanceof Admission.RefusedByChain) {
                        return notAllowed("bad username or password");
                    }
                    if (outcome instanceof Admission.Unknown) {
                        return Reply.json(200, Reply.JSON.createObjectNode().put("result", "next"),
                                "no authenticator knows the client", "ignore");
                    }
                    return Reply.message(503, "busy: the authentication queue is full", "busy");
                });
    }

    private Reply publish(RequestBody body) throws BadRequest {
        String topic = body.requiredString("topic");
        int qos = body.qos("qos", 0);
        boolean retain = body.flag("retain", false);
        ClientInfo client = client(body);
        Decision decision = bindings.of(client).publish(topic, qos, retain);
        if (!decision.allowed()) {
            denials.denied(PATH, client, "publish", topic, decision);
            return notAllowed(Reply.explain(decision));
        }
        return ok(Reply.JSON.createObjectNode(), Reply.explain(decision), "allow");
    }

    /**
     * Every requested entry comes back, allowed ones at their QoS and refused ones at 128 (135
     * for MQTT 5), also when all are refused: VerneMQ then sends a SUBACK refusing each.
     */
    private Reply subscribe(RequestBody body, boolean v5) throws BadRequest {
        JsonNode topics = body.node("topics");
        if (topics == null || !topics.isArray()) {
            throw BadRequest.field("topics", topics == null ? "missing (an array of {\"topic\",\"qos\"} is required)"
                    : "must be an array of {\"topic\",\"qos\"}, was " + RequestBody.kind(topics));
        }
        ClientInfo client = client(body);
        ClientBinding binding = bindings.of(client);
        ArrayNode answered = Reply.JSON.createArrayNode();
        String firstRefusal = null;
        for (int i = 0; i < topics.size(); i++) {
            if (!(topics.get(i) instanceof ObjectNode entryNode)) {
                throw BadRequest.field("topics[" + i + "]", "must be an object {\"topic\",\"qos\"}");
            }
            RequestBody entry = RequestBody.of(entryNode);
            String filter = entry.requiredString("topic");
            int qos = entry.qos("qos", -1);
            Decision decision = binding.subscribe(filter, qos);
            boolean allowed = decision.verdict() == Verdict.ALLOW;
            if (decision.verdict() == Verdict.PARTIAL) {
                // VerneMQ checks only the filter (no per-delivery hook is asked here): partial would leak.
                denials.partialRefused(PATH, client, filter, decision);
            } else if (!allowed) {
                denials.denied(PATH, client, "subscribe", filter, decision);
            }
            if (!allowed && firstRefusal == null) {
                firstRefusal = Reply.explain(decision);
            }
            answered.addObject().put("topic", filter).put("qos", allowed ? qos : v5 ? REFUSED_V5 : REFUSED_V3);
        }
        ObjectNode out = Reply.JSON.createObjectNode();
        if (v5) {
            out.put("result", "ok").putObject("modifiers").set("topics", answered);
        } else {
            out.put("result", "ok").set("topics", answered);
        }
        return Reply.json(200, out, firstRefusal, firstRefusal == null ? "allow" : "deny");
    }

    private static ClientInfo client(RequestBody body) throws BadRequest {
        return Clients.client(body.requiredString("client_id"), body.optionalString("username"), null, null, null);
    }

    private static Reply ok(ObjectNode out, @Nullable String reason, String label) {
        return Reply.json(200, out.put("result", "ok"), reason, label);
    }

    private static Reply notAllowed(String reason) {
        ObjectNode out = Reply.JSON.createObjectNode();
        out.putObject("result").set("error", TextNode.valueOf("not_allowed"));
        return Reply.json(200, out, reason, "deny");
    }
}
