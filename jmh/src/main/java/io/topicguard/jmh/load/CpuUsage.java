package io.topicguard.jmh.load;

/**
 * Where the CPU went during a run's measured window ({@link CpuMeter}); each figure is null where
 * it could not be measured (not Linux, a broker in this JVM) or in a load.json written before the
 * generator measured it.
 *
 * @param brokerPercent  the broker process's CPU time over the window, in percent of one core
 *                       (200 is two cores busy); null for a broker running inside the generator
 * @param clientsPercent the load generator's own CPU time (its clients), in percent of one core
 * @param stealPercent   the share of all the machine's CPU time that the hypervisor gave to
 *                       something else while this machine's virtual CPUs wanted to run, in percent
 */
public record CpuUsage(Double brokerPercent, Double clientsPercent, Double stealPercent) {

    /** Nothing known. */
    static final CpuUsage UNMEASURED = new CpuUsage(null, null, null);

    /** Whether the host took at least {@code percent} of the machine's time during the window. */
    public boolean stolenAtLeast(double percent) {
        return stealPercent != null && stealPercent >= percent;
    }
}
