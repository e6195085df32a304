package dev.tradingcore.bootstrap.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use over a stretch of work: the heap pools' peaks are reset before it and summed after it (a sum of
 * per-pool peaks, so an upper bound of the true peak; it counts garbage not yet collected, too).
 */
final class HeapPeak {

    private HeapPeak() {}

    /** Collects what can be collected and resets the heap pools' peaks. */
    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The summed peaks since the last {@link #reset}, in MiB. */
    static double peakMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }

    /** Heap in use now, in MiB. */
    static double usedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    static String maxHeap() {
        long max = Runtime.getRuntime().maxMemory();
        return String.format("%.0f MiB", max / (1024.0 * 1024.0));
    }
}
