package io.topicguard.hivemq;

import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;

/**
 * One subscription of a client as the subscribe check classified it: ALLOW (every delivery
 * through it is readable), PARTIAL (each delivery is checked), or DENY (nothing is delivered
 * through it: a subscription a reload revoked). {@code boundBy} is the binding that classified
 * it, so a classification made under a policy that is no longer in force is noticed and redone.
 *
 * @param filter    the filter as subscribed, {@code $share/GROUP/} included (what {@code deliver} expects)
 * @param levels    the levels of the filter deliveries are matched against: F of {@code $share/GROUP/F}
 */
record GrantedFilter(String filter, int qos, String[] levels, Verdict verdict, BoundClient boundBy) implements Subscription {

    /** Classifies {@code filter} for the client of {@code binding}; DENY when it may not be kept. */
    static GrantedFilter classify(String filter, int qos, BoundClient binding) {
        return new GrantedFilter(filter, qos, TopicMatch.levels(effectiveFilter(filter)), Enforcement.grant(binding.subscribe(filter, qos), binding), binding);
    }

    GrantedFilter reclassify(BoundClient binding) {
        return classify(filter, qos, binding);
    }

    /**
     * F of {@code $share/GROUP/F}, the filter itself otherwise. A malformed shared filter never
     * reaches here (the subscribe check denies it), so this only has to find F.
     */
    static String effectiveFilter(String filter) {
        if (filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', "$share/".length());
            return slash < 0 ? filter : filter.substring(slash + 1);
        }
        return filter;
    }
}
