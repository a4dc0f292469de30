/**
 * What keeps the broker's log bounded whatever clients send: {@link io.topicguard.broker.log.LogText}
 * caps and escapes every client-chosen value in a line, {@link io.topicguard.broker.log.LogThrottle}
 * rate-limits lines clients can cause and summarizes what it held back.
 */
package io.topicguard.broker.log;
