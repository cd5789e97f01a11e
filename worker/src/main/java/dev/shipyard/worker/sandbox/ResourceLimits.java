package dev.shipyard.worker.sandbox;

/**
 * Cgroup limits of one step; 0 means unlimited.
 *
 * @param memoryBytes memory (swap included) the step's processes may use together
 * @param pidsMax processes and threads the step may have at once, the sandbox's own init included
 * @param cpus CPU time as a number of CPUs (1.5 = 150 ms every 100 ms)
 */
public record ResourceLimits(long memoryBytes, long pidsMax, double cpus) {
    public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0);

    public ResourceLimits {
        if (memoryBytes < 0 || pidsMax < 0 || cpus < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    public boolean isUnlimited() {
        return memoryBytes == 0 && pidsMax == 0 && cpus == 0;
    }

    /** CFS quota in microseconds per {@link #CPU_PERIOD_MICROS}, or 0 when unlimited. */
    public long cpuQuotaMicros() {
        return Math.round(cpus * CPU_PERIOD_MICROS);
    }

    public static final long CPU_PERIOD_MICROS = 100_000;
}
