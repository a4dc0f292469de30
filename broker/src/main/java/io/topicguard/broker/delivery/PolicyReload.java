package io.topicguard.broker.delivery;

import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.routing.TopicFilters;
import io.topicguard.broker.session.Session;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;

import java.util.Collection;

/**
 * Re-binds a session to a new policy without a window in which a message could leak
 * (DESIGN.md §4.3: "... or policy reload"): every subscription is first switched to per-delivery
 * checks, then the new binding is installed, then each subscription is classified again — refused
 * ones removed, ALLOW ones freed from the check — and finally the messages still queued for the
 * session are checked again under the new binding.
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
                DenialLog.denied(fresh.client(), "subscribe", s.filter(), d);
                session.removeSubscription(s.filter());
                tree.remove(s);
            } else if (!partial) {
                replace(session, tree, s.withCheckEachDelivery(false));
            }
        }
        // Queued messages were admitted under the old policy: re-check them before delivery.
        Collection<Subscription> kept = session.subscriptions();
        session.retainPermitted(m -> permitted(fresh, kept, m.topic()));
    }

    /** Whether some remaining subscription matching {@code topic} may deliver it under the new binding. */
    private static boolean permitted(ClientAccess access, Collection<Subscription> subscriptions, String topic) {
        for (Subscription s : subscriptions) {
            if (TopicFilters.matches(s.topicFilter(), topic)
                    && (!s.checkEachDelivery() || access.deliver(s.filter(), s.qos(), topic).allowed())) {
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
