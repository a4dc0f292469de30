/**
 * Counters, gauges and histograms for operating a broker, rendered in the Prometheus text
 * exposition format (version 0.0.4) by hand: the format is a few lines of text and a metrics
 * library would be the largest dependency of the broker. {@link io.topicguard.broker.metrics.BrokerMetrics}
 * names everything topicguard measures; {@link io.topicguard.broker.metrics.SysTopicPublisher}
 * summarizes it on {@code $SYS/topicguard/...}.
 */
package io.topicguard.broker.metrics;
