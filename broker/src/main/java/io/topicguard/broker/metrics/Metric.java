package io.topicguard.broker.metrics;

/** One metric family: its {@code # HELP}, {@code # TYPE} and sample lines. */
interface Metric {

    String name();

    /** Appends the family in Prometheus text format, each line ending in {@code \n}. */
    void writeTo(StringBuilder out);
}
