package dev.tradingcore.bootstrap.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Timed rounds of concurrent workers, and the A/B/A/B alternation of the project's path and the baseline: each path
 * gets the same number of rounds of the same length, so that a burst of noise on the machine hits both.
 */
final class Rounds {

    /** One operation of a worker; throws when it did not do what it should (that fails the scenario). */
    @FunctionalInterface
    interface Operation {
        void run(int worker) throws Exception;
    }

    /** What one path did over all its rounds. */
    static final class Tally {
        final Latencies latencies = new Latencies();
        long operations;
        long nanos;
        long cpuNanos;
        /** CPU outside the calling threads, read before and after each round (e.g. the journal's writer threads). */
        java.util.function.LongSupplier otherClientCpu = () -> 0;
        long otherClientCpuNanos;
        /** The database server's CPU, read before and after each round; negative when it cannot be read. */
        java.util.function.LongSupplier serverCpu = () -> -1;
        long serverCpuNanos;
        boolean serverCpuKnown = true;

        /** Client CPU (calling threads and others) per operation, in microseconds. */
        double clientCpuMicrosPerOperation() {
            return operations == 0 ? 0 : (cpuNanos + otherClientCpuNanos) / 1e3 / operations;
        }

        /** The server's CPU per operation in microseconds, or NaN when it could not be read. */
        double serverCpuMicrosPerOperation() {
            return operations == 0 || !serverCpuKnown ? Double.NaN : serverCpuNanos / 1e3 / operations;
        }

        /** CPU time of the calling threads per operation, in microseconds (the client's share of the work). */
        double cpuMicrosPerOperation() {
            return operations == 0 ? 0 : cpuNanos / 1e3 / operations;
        }

        double perSecond() {
            return nanos == 0 ? 0 : operations * 1e9 / nanos;
        }

        Measurement measurement() {
            return Measurement.of(perSecond(), latencies);
        }
    }

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private Rounds() {}

    /**
     * Runs {@code rounds} rounds of each path, alternating project then baseline, each round {@code length} long
     * with {@code workers} threads calling the path's operation back to back.
     */
    static void alternate(int rounds, int workers, Duration length, Operation project, Tally projectTally,
            Operation baseline, Tally baselineTally) {
        for (int round = 0; round < rounds; round++) {
            run(workers, length, project, projectTally);
            run(workers, length, baseline, baselineTally);
        }
    }

    /** One round: {@code workers} threads, each calling the operation until the round's end. */
    static void run(int workers, Duration length, Operation operation, Tally tally) {
        long otherBefore = tally.otherClientCpu.getAsLong();
        long serverBefore = tally.serverCpu.getAsLong();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong operations = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(workers);
        long[] start = new long[1];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                Histogram mine = Latencies.newHistogram();
                long done = 0;
                long cpuStart = CPU.getCurrentThreadCpuTime();
                ready.countDown();
                try {
                    go.await();
                    long deadline = start[0] + length.toNanos();
                    long now = System.nanoTime();
                    while (now < deadline && failure.get() == null) {
                        operation.run(worker);
                        long after = System.nanoTime();
                        Latencies.record(mine, after - now);
                        done++;
                        now = after;
                    }
                    lastEnd.accumulateAndGet(now, Math::max);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    operations.addAndGet(done);
                    cpu.addAndGet(CPU.getCurrentThreadCpuTime() - cpuStart);
                    tally.latencies.add(mine);
                }
            }, "bench-worker-" + w);
            threads.add(thread);
            thread.start();
        }
        try {
            ready.await();
            start[0] = System.nanoTime();
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while measuring", interrupted);
        }
        if (failure.get() != null) {
            throw new BenchFailure("a worker failed: " + failure.get(), failure.get());
        }
        tally.operations += operations.get();
        tally.cpuNanos += cpu.get();
        tally.otherClientCpuNanos += tally.otherClientCpu.getAsLong() - otherBefore;
        long serverAfter = tally.serverCpu.getAsLong();
        if (serverBefore < 0 || serverAfter < 0) {
            tally.serverCpuKnown = false;
        } else {
            tally.serverCpuNanos += serverAfter - serverBefore;
        }
        tally.nanos += Math.max(1, lastEnd.get() - start[0]);
    }
}
