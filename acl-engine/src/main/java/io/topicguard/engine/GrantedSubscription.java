package io.topicguard.engine;

/** The {@link Subscription} of {@link Subscription#of}. */
record GrantedSubscription(String filter, int qos) implements Subscription {
}
