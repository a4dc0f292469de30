package io.topicguard.jmh.load;

import java.util.Arrays;

/**
 * End-to-end latencies of one subscriber, in nanoseconds. Written by that subscriber's callback
 * thread, read after the run; synchronized so the reader sees every write (uncontended, cheap).
 */
final class LatencyRecorder {

    private long[] samples = new long[1 << 14];
    private int count;

    synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    synchronized long[] snapshot() {
        return Arrays.copyOf(samples, count);
    }

    /** Every recorder's samples in one sorted array. */
    static long[] merged(Iterable<LatencyRecorder> recorders) {
        long[] all = new long[0];
        for (LatencyRecorder recorder : recorders) {
            long[] some = recorder.snapshot();
            int at = all.length;
            all = Arrays.copyOf(all, at + some.length);
            System.arraycopy(some, 0, all, at, some.length);
        }
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile of a sorted array, or -1 when it is empty. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
