package dev.tradingcore.adapters.postgres.fill;

import java.util.Arrays;

/**
 * What the combining fill journal has committed so far, for the bench: batches, the fills in them, their round trips
 * (the COMMIT included), the CPU its writer threads spent (a caller booking on its own thread is not in it: that CPU
 * is the caller's), and how many batches had each size. Two snapshots {@link #minus subtract} to one step's figures.
 *
 * @param batchesBySize index = batch size, value = committed batches of that size
 */
public record FillBatchStatistics(long batches, long fills, long roundTrips, long writerThreadCpuNanos,
        long racedRuns, long[] batchesBySize) {

    public FillBatchStatistics {
        batchesBySize = batchesBySize.clone();
    }

    /** This snapshot's counts minus an earlier one's. */
    public FillBatchStatistics minus(FillBatchStatistics earlier) {
        long[] sizes = new long[batchesBySize.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = batchesBySize[i] - (i < earlier.batchesBySize.length ? earlier.batchesBySize[i] : 0);
        }
        return new FillBatchStatistics(batches - earlier.batches, fills - earlier.fills,
                roundTrips - earlier.roundTrips, writerThreadCpuNanos - earlier.writerThreadCpuNanos,
                racedRuns - earlier.racedRuns, sizes);
    }

    public double meanBatchSize() {
        return batches == 0 ? 0 : (double) fills / batches;
    }

    /** The size that 99% of the batches do not exceed. */
    public int p99BatchSize() {
        long total = Arrays.stream(batchesBySize).sum();
        long seen = 0;
        for (int size = 0; size < batchesBySize.length; size++) {
            seen += batchesBySize[size];
            if (total > 0 && seen >= Math.ceil(total * 0.99)) {
                return size;
            }
        }
        return 0;
    }

    public double roundTripsPerBatch() {
        return batches == 0 ? 0 : (double) roundTrips / batches;
    }
}
