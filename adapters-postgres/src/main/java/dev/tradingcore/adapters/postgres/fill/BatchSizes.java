package dev.tradingcore.adapters.postgres.fill;

import java.util.concurrent.atomic.AtomicLongArray;

/** How many committed batches had each size: the bench reports their mean and 99th percentile. */
final class BatchSizes {

    private final AtomicLongArray counts;

    BatchSizes(int maxBatch) {
        this.counts = new AtomicLongArray(maxBatch + 1);
    }

    void record(int size) {
        counts.incrementAndGet(Math.min(size, counts.length() - 1));
    }

    /** Batches of each size so far, index = size. */
    long[] snapshot() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }
}
