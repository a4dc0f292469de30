package io.topicguard.broker.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.broker.auth.Admission;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.metrics.MeteredAccessControl;
import io.topicguard.broker.server.ClientView;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;

/** The JSON of {@code /clients/{clientid}} and of its {@code check} answers. */
final class ClientReport {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ClientReport() {
    }

    /** Attributes as the policy sees them, and subscriptions with their classification (docs/semantics.md, The client and Subscribe). */
    static ObjectNode describe(ClientView session) {
        ClientAccess access = session.access();
        ClientInfo client = access.client();
        ObjectNode out = JSON.objectNode();
        out.put("clientid", client.clientId());
        out.put("connected", session.connected());
        out.put("username", client.username());
        out.put("address", client.address() == null ? null : client.address().getHostAddress());
        out.put("cn", client.commonName());
        out.put("listener", client.listener());
        if (access instanceof MeteredAccessControl.Bound bound) {
            out.put("superuser", bound.superuser());
        } else {
            out.putNull("superuser"); // an access control that does not expose the engine's binding
        }
        // Which link of the authentication chain let the client in, and until when (null: none did, or no expiry).
        Admission admission = access.admission();
        out.put("authenticator", admission.authenticator());
        out.put("superuserByAuthenticator", admission.superuser());
        out.put("credentialsExpireAt", admission.expiresAt() == null ? null : admission.expiresAt().toString());
        out.put("carriedRules", admission.rules().rules().size());
        var subscriptions = out.putArray("subscriptions");
        session.subscriptions().forEach(s -> {
            ObjectNode sub = subscriptions.addObject();
            sub.put("filter", s.filter());
            sub.put("qos", s.qos());
            // Denied subscriptions are never kept; a kept one is either unchecked or checked per delivery.
            sub.put("classification", s.checkedPerDelivery() ? "partial" : "allow");
        });
        return out;
    }

    /** The decision for {@code query} against the session's live binding, with its explanation. */
    static ObjectNode check(ClientView session, CheckQuery query) {
        ClientAccess access = session.access();
        Decision d;
        if (access instanceof MeteredAccessControl.Bound bound && !access.admission().superuser()) {
            // Straight to the engine: an operator's question is not a decision the broker made, so not counted.
            d = "publish".equals(query.action())
                    ? bound.binding().publish(query.topicOrFilter(), query.qos(), query.retain())
                    : bound.binding().subscribe(query.topicOrFilter(), query.qos());
        } else {
            d = "publish".equals(query.action())
                    ? access.publish(query.topicOrFilter(), query.qos(), query.retain())
                    : access.subscribe(query.topicOrFilter(), query.qos());
        }
        ObjectNode out = JSON.objectNode();
        out.put("clientid", access.client().clientId());
        out.put("action", query.action());
        out.put("publish".equals(query.action()) ? "topic" : "filter", query.topicOrFilter());
        out.put("qos", query.qos());
        if ("publish".equals(query.action())) {
            out.put("retain", query.retain());
        }
        out.put("decision", d.verdict().word());
        out.put("reason", d.reason().word());
        out.put("source", d.source() == null ? null : d.source().fileAndLine());
        out.put("statement", d.statement());
        out.put("explanation", explain(d, query, access));
        return out;
    }

    private static String explain(Decision d, CheckQuery query, ClientAccess access) {
        String by = d.source() == null ? "" : " by " + d.source().fileAndLine() + ": " + d.statement();
        return switch (d.reason()) {
            case INVALID -> "denied: '" + query.topicOrFilter() + "' is not a valid MQTT " + ("publish".equals(query.action()) ? "topic name" : "topic filter");
            case SUPERUSER -> "allowed: the client is a superuser" + by;
            case BANNED -> "denied: the client is banned" + by;
            case DEFAULT -> d.verdict().word() + ": no rule decided, the default applies" + by + partialNote(d, access);
            default -> d.verdict().word() + by + partialNote(d, access);
        };
    }

    private static String partialNote(Decision d, ClientAccess access) {
        if (d.verdict() != io.topicguard.engine.Verdict.PARTIAL) {
            return "";
        }
        return access.refusePartialSubscriptions()
                ? " (partial deny: the broker refuses this subscription)"
                : " (partial filter: each delivery through this subscription is checked)";
    }
}
