/**
 * What keeps the broker's log bounded whatever clients send: the broker's limits on denial lines
 * ({@link io.topicguard.broker.log.LogThrottle}) and on resource-limit warnings
 * ({@link io.topicguard.broker.log.LimitEvents}), over the shared mechanism of
 * {@code io.topicguard.auth.log} (capping and escaping client-chosen values, rate-limiting lines).
 */
package io.topicguard.broker.log;
