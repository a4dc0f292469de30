/**
 * What keeps a log bounded whatever clients send, shared by the broker, the decision service and
 * the HiveMQ extension: {@link io.topicguard.auth.log.LogText} caps and escapes every
 * client-chosen value in a line, {@link io.topicguard.auth.log.LogThrottle} rate-limits lines
 * clients can cause and summarizes what it held back. Each program keeps its own limits and
 * wording; only the mechanism is here. No Netty, no logging backend: slf4j only.
 */
package io.topicguard.auth.log;
