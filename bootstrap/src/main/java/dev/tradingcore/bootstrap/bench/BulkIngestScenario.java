package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.domain.trade.IngestReport;
import dev.tradingcore.domain.trade.TradeIngest;
import java.sql.Connection;
import java.util.List;

/**
 * Scenario 3: bulk ingest of trades through the project's COPY path ({@code PostgresPersistence.tradeIngest()}: CSV
 * encoding of domain trades, 10,000-row chunks, one transaction each) against a plain {@code COPY} of the same rows
 * (the same values under other trade ids, CSV written straight from the generator, the same 10,000-row chunks and
 * commits), into the same indexed, partitioned table with its trade-id registry trigger. The rows go in alternating
 * slices (project, baseline, project, ...), so both paths meet the same table sizes.
 */
final class BulkIngestScenario implements Scenario {

    private static final int CHUNK = 10_000;

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String name() {
        return "bulk ingest";
    }

    @Override
    public List<BenchRow> run(BenchContext context) throws Exception {
        long count = context.options().trades();
        try (Connection c = context.database().connect()) {
            context.dataSet().ensureOrdersAndPositions(c);
        }
        TradeIngest ingest = context.database().persistence().tradeIngest();
        int slices = Math.max(2, context.options().rounds());
        long sliceSize = (count + slices - 1) / slices;
        long projectNanos = 0;
        long baselineNanos = 0;
        long projectRows = 0;
        long baselineRows = 0;
        double projectPeak = 0;
        double baselinePeak = 0;
        for (long from = 0; from < count; from += sliceSize) {
            long to = Math.min(count, from + sliceSize);
            context.progress("3 bulk ingest: trades %d to %d of %d, each path", from, to, count);
            HeapPeak.reset();
            long start = System.nanoTime();
            IngestReport report = ingest.ingest(context.dataSet().trades("ia-", from, to, count));
            projectNanos += System.nanoTime() - start;
            projectPeak = Math.max(projectPeak, HeapPeak.peakMiB());
            if (report.inserted() != to - from) {
                throw new BenchFailure("the project's ingest stored " + report.inserted() + " of " + (to - from)
                        + " trades: " + report);
            }
            projectRows += report.inserted();
            HeapPeak.reset();
            try (Connection c = context.database().baseline().getConnection()) {
                c.setAutoCommit(false);
                start = System.nanoTime();
                long copied = context.dataSet().copyTrades(c, "ib-", from, to, count, CHUNK);
                baselineNanos += System.nanoTime() - start;
                c.setAutoCommit(true);
                if (copied != to - from) {
                    throw new BenchFailure("the plain COPY stored " + copied + " of " + (to - from) + " trades");
                }
                baselineRows += copied;
            }
            baselinePeak = Math.max(baselinePeak, HeapPeak.peakMiB());
        }
        BenchRow row = BenchRow.of("3 bulk ingest", count + " trades each", "rows/s",
                Measurement.rate(projectRows * 1e9 / projectNanos), Measurement.rate(baselineRows * 1e9 / baselineNanos))
                .note("peak heap (project / COPY)", String.format("%.0f / %.0f MiB of %s", projectPeak, baselinePeak,
                        HeapPeak.maxHeap()))
                .note("seconds (project / COPY)", String.format("%.1f / %.1f", projectNanos / 1e9,
                        baselineNanos / 1e9));
        return List.of(row);
    }
}
