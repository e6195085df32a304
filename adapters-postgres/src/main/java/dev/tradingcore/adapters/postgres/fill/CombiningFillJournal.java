package dev.tradingcore.adapters.postgres.fill;

import dev.tradingcore.adapters.postgres.fill.SetBasedFillBatch.Raced;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The fill journal that write-combines: concurrent fills queue, a writer takes everything waiting (up to
 * {@link #DEFAULT_MAX_BATCH}), books it in one READ COMMITTED transaction with set-based SQL
 * ({@link SetBasedFillBatch}: two round trips whatever the batch's size), commits once and only then answers each
 * caller. There is no timer: when a writer's place is free ({@link #DEFAULT_WRITERS}) the caller takes it and books
 * at once on its own thread, so a lone fill is neither delayed nor handed to another thread; a fill waits for a
 * batch only while every writer has a commit in flight, so batches grow with the load. Fills still waiting when a
 * caller's own fill is answered go to a writer thread.
 *
 * <p>Per fill, the answer is the one {@link MyBatisFillJournal} gives alone: a replay, a conflicting replay, an
 * unknown order or a refusal by the domain answers that caller only and changes nothing, so its neighbours stay in
 * the batch. A batch is booked symbol by symbol, each symbol's fills in the order they queued (two batches in flight
 * then lock position rows in the same order), and each fill is booked on the position and order as the fills before
 * it in the batch left them; fills of one symbol in two batches in flight are serialized by the position row's lock,
 * as fills on two connections always were, so a caller's fills (each sent after the previous one's answer) are booked
 * in its order. Fills {@link #recordAll recorded together} (a broker sync round's) are queued together and so taken
 * into one batch when they fit.
 *
 * <p>A failure of the database (a lost connection, a failed COMMIT, a statement error that is not one of the fill's
 * own answers) fails every caller of the batch with that same exception, and nothing of the batch is stored; a
 * deadlock or serialization failure reruns the whole batch (see {@link Transactions}), and so does a concurrent
 * delivery of one of its trades that committed between its reads and writes ({@link Raced}), which is correct
 * because every booking is a function of what it reads. No caller is answered before the COMMIT returned: an answered
 * fill is durable, and a caller that got a failure may deliver the fill again (it is idempotent on the trade id).
 */
final class CombiningFillJournal implements FillJournal {

    /**
     * The most fills booked in one transaction. No savepoints, so no subtransaction limit; the cap bounds how long a
     * batch holds its rows' locks and how large its arrays get. Concurrent callers have one fill each in flight, so
     * only fills recorded together (a sync round) come near it.
     */
    static final int DEFAULT_MAX_BATCH = 256;

    /**
     * Batches in flight at once, each on its own connection: while one commits (the disk's flush), the other books.
     * Two, measured against one and three (docs/benchmarks.md, "Writers' places"): with three, 8 callers made
     * batches of 2.1-2.3 fills; with one, a second caller waits a whole batch and 2-8 callers lost the most; two gave
     * the best ratios at 16 and 32 callers in both runs. Below the execution pool's size, so that orders and reads
     * keep connections.
     */
    static final int DEFAULT_WRITERS = 2;

    private final SqlSessionFactory sessions;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final int writers;
    /** Writers running (each a drain loop on the executor), at most {@link #writers}. */
    private final AtomicInteger running = new AtomicInteger();
    private final ThreadPoolExecutor writer;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong fills = new AtomicLong();
    private final AtomicLong combinedBatches = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong racedRuns = new AtomicLong();
    private final BatchSizes sizes;
    private final AtomicLong writerThreadCpuNanos = new AtomicLong();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    CombiningFillJournal(SqlSessionFactory sessions) {
        this(sessions, DEFAULT_MAX_BATCH, DEFAULT_WRITERS);
    }

    CombiningFillJournal(SqlSessionFactory sessions, int maxBatch, int writers) {
        if (maxBatch < 1 || writers < 1) {
            throw new IllegalArgumentException("a batch holds at least one fill and one writer books them, got "
                    + maxBatch + " fills and " + writers + " writers");
        }
        this.sessions = sessions;
        this.maxBatch = maxBatch;
        this.writers = writers;
        this.sizes = new BatchSizes(maxBatch);
        // Threads started on demand and ended after a second idle: a journal nobody uses holds no thread.
        this.writer = new ThreadPoolExecutor(writers, writers, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "fill-journal-writer");
            thread.setDaemon(true);
            return thread;
        });
        this.writer.allowCoreThreadTimeOut(true);
    }

    /** One fill waiting for its batch, and the answer its caller waits for. */
    private record Pending(Trade trade, Booking booking, CompletableFuture<Either<Rejection, FillRecording>> answer) {
    }

    @Override
    public Either<Rejection, FillRecording> record(Trade trade, Booking booking) {
        Pending pending = new Pending(trade, booking, new CompletableFuture<>());
        waiting.add(pending);
        if (claimWriter()) {
            writeAsCaller(pending);
        }
        return answerOf(pending);
    }

    /**
     * Records fills delivered together (a broker sync round's): they are queued in one step, so that a writer takes
     * them into one batch (up to the cap); each is answered as {@link #record} answers it, in the same order. A fill
     * that failed alone is a {@code Failure} in its place; a failed batch (the database's failure) fails the call, once
     * every fill of the list has its answer, so that the guard counts and retries it like a failed {@link #record}.
     */
    @Override
    public List<Try<Either<Rejection, FillRecording>>> recordAll(List<Trade> trades, Booking booking) {
        List<Pending> group = new ArrayList<>(trades.size());
        for (Trade trade : trades) {
            group.add(new Pending(trade, booking, new CompletableFuture<>()));
        }
        synchronized (waiting) { // no writer takes between two fills of the group
            waiting.addAll(group);
        }
        if (!group.isEmpty() && claimWriter()) {
            writeAsCaller(group.getLast()); // the group is queued in order: its last fill is answered last
        }
        List<Try<Either<Rejection, FillRecording>>> answers = new ArrayList<>(group.size());
        RuntimeException batchFailed = null;
        for (Pending pending : group) {
            try {
                answers.add(Try.success(pending.answer().join()));
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof FailedAlone alone) {
                    answers.add(Try.failure(alone.getCause()));
                } else if (batchFailed == null) {
                    batchFailed = failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
                }
            }
        }
        if (batchFailed != null) {
            throw batchFailed;
        }
        return answers;
    }

    /** A fill's own failure (its booking threw), as its answer's exception: its batch stood. */
    private static final class FailedAlone extends RuntimeException {
        FailedAlone(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static Either<Rejection, FillRecording> answerOf(Pending pending) {
        try {
            // Not interruptible on purpose: once queued, the fill may be committed; the caller must learn how it went.
            return pending.answer().join();
        } catch (CompletionException failed) {
            Throwable cause = failed.getCause() instanceof FailedAlone alone ? alone.getCause() : failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    /** Takes a writer's place if fewer than {@link #writers} run. */
    private boolean claimWriter() {
        while (true) {
            int now = running.get();
            if (now >= writers) {
                return false;
            }
            if (running.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /**
     * The caller is a writer until its own fill is answered: an idle journal books a lone fill on the caller's
     * thread, with no hand-over to another thread. Fills still waiting then go to a writer thread.
     */
    private void writeAsCaller(Pending own) {
        try {
            while (!own.answer().isDone()) {
                List<Pending> batch = take();
                if (batch.isEmpty()) {
                    return; // another writer has the fill; wait for its answer
                }
                write(batch);
            }
        } finally {
            running.decrementAndGet();
            startWriterIfIdle();
        }
    }

    /** The next batch: every fill waiting, up to the cap, symbol by symbol. */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        synchronized (waiting) { // one writer takes at a time, so that a batch is the fills queued in a row
            for (Pending next; batch.size() < maxBatch && (next = waiting.poll()) != null; ) {
                batch.add(next);
                taken.incrementAndGet();
            }
        }
        // Symbol by symbol (in queue order within one): two batches in flight lock position rows in the same order,
        // so they wait for each other instead of deadlocking.
        batch.sort(Comparator.comparing(pending -> pending.trade().symbol().value()));
        return batch;
    }

    /**
     * Starts one more writer if fills wait and fewer than {@link #writers} run; with every writer busy committing,
     * the fill waits for the next batch, which is how batches form.
     */
    private void startWriterIfIdle() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= writers) {
                return;
            }
            if (running.compareAndSet(now, now + 1)) {
                writer.execute(this::drain);
                return;
            }
        }
    }

    /** A writer thread: books batches until nothing waits, then stops (the next caller starts one again). */
    private void drain() {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            drainBatches();
        } finally {
            writerThreadCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    private void drainBatches() {
        while (true) {
            List<Pending> batch = take();
            if (batch.isEmpty()) {
                running.decrementAndGet();
                // A fill queued after the take but before the count dropped found every writer running and started
                // none: look again.
                startWriterIfIdle();
                return;
            }
            write(batch);
        }
    }

    /** Runs of a batch after a concurrent delivery raced it, before the batch fails: see {@link Raced}. */
    private static final int MAX_RACED_RUNS = 5;

    private void write(List<Pending> batch) {
        List<SetBasedFillBatch.Item> items = batch.stream()
                .map(pending -> new SetBasedFillBatch.Item(pending.trade(), pending.booking())).toList();
        SetBasedFillBatch.Booked booked;
        try {
            booked = bookRacing(items);
        } catch (Throwable failure) {
            // Nothing of the batch is stored: every caller gets the failure, as the single-fill path gives it.
            for (Pending pending : batch) {
                pending.answer().completeExceptionally(failure);
            }
            return;
        }
        batches.incrementAndGet();
        fills.addAndGet(batch.size());
        if (batch.size() > 1) {
            combinedBatches.incrementAndGet();
        }
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        roundTrips.addAndGet(booked.roundTrips() + 1); // the COMMIT is one more
        sizes.record(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SetBasedFillBatch.Outcome outcome = booked.outcomes().get(i);
            if (outcome.failure() != null) {
                batch.get(i).answer().completeExceptionally(new FailedAlone(outcome.failure()));
            } else {
                batch.get(i).answer().complete(outcome.answer());
            }
        }
    }

    /**
     * One transaction for the batch; run again (a new transaction that reads everything again) when a concurrent
     * delivery of one of its trades committed between its reads and its writes.
     */
    private SetBasedFillBatch.Booked bookRacing(List<SetBasedFillBatch.Item> items) {
        for (int run = 1; ; run++) {
            try {
                return Transactions.inTransaction(sessions,
                        session -> SetBasedFillBatch.book(session.getConnection(), items));
            } catch (Raced raced) {
                racedRuns.incrementAndGet();
                if (run >= MAX_RACED_RUNS) {
                    throw raced;
                }
            }
        }
    }

    /** Transactions committed by the writer (each one batch). */
    long batches() {
        return batches.get();
    }

    /** Fills booked in committed batches (replays and refusals included). */
    long fills() {
        return fills.get();
    }

    /** Committed batches that held more than one fill: the proof that fills were combined. */
    long combinedBatches() {
        return combinedBatches.get();
    }

    /** Fills queued and not yet taken by the writer. */
    int waiting() {
        return waiting.size();
    }

    /** Fills the writer has taken into a batch so far (committed, failed or in flight). */
    long taken() {
        return taken.get();
    }

    /** Round trips of committed batches, their COMMITs included. */
    long roundTrips() {
        return roundTrips.get();
    }

    /** Batches run again because a concurrent delivery of one of their trades committed meanwhile. */
    long racedRuns() {
        return racedRuns.get();
    }

    /** What this journal committed so far. */
    FillBatchStatistics statistics() {
        return new FillBatchStatistics(batches.get(), fills.get(), roundTrips.get(), writerThreadCpuNanos.get(),
                racedRuns.get(), sizes.snapshot());
    }

    /** The largest committed batch so far. */
    int largestBatch() {
        return largestBatch.get();
    }

    @Override
    public String toString() {
        return "combining fill journal (up to " + maxBatch + " fills per transaction, " + writers + " writers)";
    }
}
