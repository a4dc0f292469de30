package io.topicguard.jmh.report;

/**
 * One target of issue 4 and how the run fared against it.
 *
 * @param goal     the target in words
 * @param measured the figures it was judged on, in words
 * @param met      true (met), false (missed) or null (not measured in this run)
 */
record Target(String goal, String measured, Boolean met) {

    static Target notMeasured(String goal, String why) {
        return new Target(goal, why, null);
    }

    String status() {
        return met == null ? "not measured" : met ? "**met**" : "**missed**";
    }
}
