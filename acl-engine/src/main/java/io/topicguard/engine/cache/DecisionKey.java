package io.topicguard.engine.cache;

import org.jspecify.annotations.Nullable;

/**
 * What one cached answer depends on. {@code bindingId} is unique per {@link CachedBinding}, and a
 * binding belongs to exactly one compiled policy, so after a reload (which re-binds every client)
 * no key of the old policy can ever be asked again: stale entries simply age out of the bound.
 *
 * @param action 'p' publish, 's' subscribe, 'd' deliver
 * @param first  the topic (publish) or the filter (subscribe, deliver)
 * @param second the delivered topic (deliver), otherwise null
 */
record DecisionKey(long bindingId, char action, String first, @Nullable String second, int qos, boolean retain) {
}
