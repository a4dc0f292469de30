package io.topicguard.broker.delivery;

import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.routing.TopicFilters;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Session;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;

/**
 * Re-binds a session to a new policy without a window in which a message could leak
 * (docs/semantics.md, Deliver: "... or policy reload"): every subscription is first switched to per-delivery
 * checks, then the new binding is installed, then each subscription is classified again — refused
 * ones removed, ALLOW ones freed from the check. Messages queued or in flight for the session
 * under the old binding stay only when a remaining subscription may still deliver them.
 */
public final class PolicyReload {

    private PolicyReload() {
    }

    public static void rebind(Session session, ClientAccess fresh, SubscriptionTree tree) {
        for (Subscription s : session.subscriptions()) {
            if (!s.checkEachDelivery()) {
                replace(session, tree, s.withCheckEachDelivery(true));
            }
        }
        session.access(fresh);
        for (Subscription s : session.subscriptions()) {
            Decision d = fresh.subscribe(s.filter(), s.qos());
            boolean partial = d.verdict() == Verdict.PARTIAL;
            if (d.denied() || (partial && fresh.refusePartialSubscriptions())) {
                // One line per subscription a reload took away: an operator's action, bounded by the subscription limit.
                DenialLog.denied(fresh.client(), "subscribe", s.filter(), d);
                session.removeSubscription(s.filter());
                tree.remove(s);
            } else if (!partial) {
                replace(session, tree, s.withCheckEachDelivery(false));
            }
        }
        session.dropQueuedUnless(m -> stillDeliverable(session, fresh, m));
        // Sent but unacknowledged messages would be resent on reconnect (MQTT-4.4.0-1): the same test.
        session.dropInflightUnless(m -> stillDeliverable(session, fresh, m));
    }

    private static boolean stillDeliverable(Session session, ClientAccess access, OutboundMessage m) {
        for (Subscription s : session.subscriptions()) {
            if (TopicFilters.matches(s.topicFilter(), m.topic())
                    && (!s.checkEachDelivery() || access.deliver(m.topic(), s).allowed())) {
                return true;
            }
        }
        return false;
    }

    private static void replace(Session session, SubscriptionTree tree, Subscription s) {
        session.putSubscription(s);
        tree.add(s);
    }
}
