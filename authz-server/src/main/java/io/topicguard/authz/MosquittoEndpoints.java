package io.topicguard.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * mosquitto-go-auth's HTTP backend in JSON mode ({@code auth_opt_http_params_mode json},
 * {@code auth_opt_http_response_mode json}): 200 {@code {"Ok":true,"Error":""}} or 403
 * {@code {"Ok":false,"Error":"<reason> (<file:line>)"}}.
 *
 * <p>mosquitto asks {@code acc} 4 (subscribe) with the filter at SUBSCRIBE and {@code acc} 1
 * (read) with the topic of every message it delivers, so a PARTIAL filter is allowed here: each
 * delivery is decided on its own. go-auth sends no QoS or retain flag: questions are asked at
 * QoS 0, not retained.
 */
final class MosquittoEndpoints {

    static final String USER = "/mosquitto/user";
    static final String SUPERUSER = "/mosquitto/superuser";
    static final String ACL = "/mosquitto/acl";

    /** mosquitto's MOSQ_ACL_READ, MOSQ_ACL_WRITE, READ|WRITE and MOSQ_ACL_SUBSCRIBE. */
    private static final int READ = 1;
    private static final int WRITE = 2;
    private static final int READ_WRITE = 3;
    private static final int SUBSCRIBE = 4;

    private final Bindings bindings;
    private final Admission admission;
    private final DenialLog denials;

    MosquittoEndpoints(Bindings bindings, Admission admission, DenialLog denials) {
        this.bindings = bindings;
        this.admission = admission;
        this.denials = denials;
    }

    /** {@code {"username","password","clientid"}}. */
    CompletableFuture<Reply> user(RequestBody body, HttpHeaders headers) throws BadRequest {
        String password = body.optionalString("password");
        ClientInfo client = Clients.client(body.optionalString("clientid"), body.optionalString("username"), null, null, null);
        return admission.admit(USER, client, password == null ? null : password.getBytes(StandardCharsets.UTF_8))
                .thenApply(outcome -> {
                    if (outcome instanceof Admission.Admitted) {
                        return ok("allow");
                    }
                    if (outcome instanceof Admission.RefusedByPolicy refused) {
                        return refused(Reply.explain(refused.decision()));
                    }
                    if (outcome instanceof Admission.RefusedByChain) {
                        return refused("bad username or password");
                    }
                    if (outcome instanceof Admission.Unknown) {
                        return refused("unknown user", "ignore");
                    }
                    return Reply.json(503, answer(false, "busy: the authentication queue is full"), null, "busy");
                });
    }

    /** {@code {"username"}}: the policy's {@code superuser} statement, with only the username known. */
    CompletableFuture<Reply> superuser(RequestBody body, HttpHeaders headers) throws BadRequest {
        ClientInfo client = Clients.client(null, body.requiredString("username"), null, null, null);
        boolean superuser = bindings.of(client).superuser();
        // Not a denial: go-auth asks before every ACL check, and "no" is the common answer.
        return CompletableFuture.completedFuture(superuser ? ok("allow") : refused("not a superuser", "deny"));
    }

    /** {@code {"username","clientid","topic","acc"}}. */
    CompletableFuture<Reply> acl(RequestBody body, HttpHeaders headers) throws BadRequest {
        String topic = body.requiredString("topic");
        int acc = body.smallInt("acc", READ, SUBSCRIBE, -1);
        ClientInfo client = Clients.client(body.optionalString("clientid"), body.optionalString("username"), null, null, null);
        ClientBinding binding = bindings.of(client);
        Decision decision;
        String action;
        switch (acc) {
            case READ:
                decision = read(binding, topic);
                action = "read";
                break;
            case WRITE:
                decision = binding.publish(topic, 0, false);
                action = "publish";
                break;
            case READ_WRITE: {
                Decision read = read(binding, topic);
                decision = read.allowed() ? binding.publish(topic, 0, false) : read;
                action = "readwrite";
                break;
            }
            default: {
                decision = binding.subscribe(topic, 0);
                action = "subscribe";
                break;
            }
        }
        boolean allowed = decision.verdict() != Verdict.DENY;
        if (!allowed) {
            denials.denied(ACL, client, action, topic, decision);
        }
        return CompletableFuture.completedFuture(allowed ? ok("allow", Reply.explain(decision)) : refused(Reply.explain(decision)));
    }

    /**
     * A delivery of a message on {@code topic}: go-auth does not say through which subscription,
     * so it is decided as a delivery through a subscription to the topic itself.
     */
    private static Decision read(ClientBinding binding, String topic) {
        return binding.deliver(topic, Subscription.of(topic, 0));
    }

    private static Reply ok(String label) {
        return ok(label, null);
    }

    private static Reply ok(String label, @Nullable String reason) {
        return Reply.json(200, answer(true, ""), reason, label);
    }

    private static Reply refused(String error) {
        return refused(error, "deny");
    }

    private static Reply refused(String error, String label) {
        return Reply.json(403, answer(false, error), error, label);
    }

    private static ObjectNode answer(boolean ok, String error) {
        return Reply.JSON.createObjectNode().put("Ok", ok).put("Error", error);
    }
}
