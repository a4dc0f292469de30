/**
 * Assembles live operations around a running broker for {@code topicguard serve}: metrics and
 * the decision cache in front of the policy, hot reload (files and SIGHUP), the admin endpoints
 * and the {@code $SYS/topicguard} summary.
 */
package io.topicguard.broker.ops;
