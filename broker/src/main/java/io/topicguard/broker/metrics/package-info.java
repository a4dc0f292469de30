/**
 * Counters, gauges and histograms for operating a broker, kept and written in the Prometheus text
 * exposition format (version 0.0.4) by the Prometheus Java client.
 * {@link io.topicguard.broker.metrics.BrokerMetrics} names everything topicguard measures;
 * {@link io.topicguard.broker.metrics.MeteredAccessControl} counts and times the policy's answers;
 * {@link io.topicguard.broker.metrics.SysTopicPublisher} summarizes them on {@code $SYS/topicguard/...}.
 */
package io.topicguard.broker.metrics;
