package io.topicguard.engine.diff;

import io.topicguard.dsl.ast.Who;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import org.jspecify.annotations.Nullable;

/**
 * One question whose answer changes between the old and the new policy.
 *
 * @param who      the who-group whose sample client asked it
 * @param action   {@code connect}, {@code publish} or {@code subscribe}
 * @param topic    the topic (publish) or filter (subscribe); null for connect
 * @param before   the old policy's answer
 * @param after    the new policy's answer
 */
public record AccessChange(Who who, ClientInfo client, String action, @Nullable String topic, int qos, boolean retain,
                           Decision before, Decision after) {
}
