package dev.tradingcore.adapters.postgres.fill;

import dev.tradingcore.adapters.postgres.mybatis.SqlStates;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.adapters.postgres.trade.TradeMapper;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The fill journal that write-combines: concurrent fills queue, a writer takes everything waiting (up to
 * {@link #DEFAULT_MAX_BATCH}), books it in one READ COMMITTED transaction, commits once and only then answers each
 * caller. There is no timer: when a writer's place is free ({@link #DEFAULT_WRITERS}) the caller takes it and books
 * at once on its own thread, so a lone fill is neither delayed nor handed to another thread; a fill waits for a
 * batch only while every writer has a commit in flight, so batches grow with the load. Fills still waiting when a
 * caller's own fill is answered go to a writer thread.
 *
 * <p>Each fill is booked exactly as {@link MyBatisFillJournal} books it, inside its own savepoint: a replay, a
 * conflicting replay, an unknown order or a refusal by the domain rolls back to that savepoint and answers that
 * caller only; its neighbours stay in the batch. A batch is booked symbol by symbol, each symbol's fills in the order
 * they queued (two batches in flight then lock position rows in the same order), and each fill sees
 * the position and order rows as the fills before it left them (same transaction); fills of one symbol in two
 * batches in flight are serialized by the position row's lock, as fills on two connections always were, so a
 * caller's fills (each sent after the previous one's answer) are booked in its order.
 *
 * <p>A failure of the database (a lost connection, a failed COMMIT, a statement error that is not one of the fill's
 * own answers) fails every caller of the batch with that same exception, and nothing of the batch is stored; a
 * deadlock or serialization failure reruns the whole batch (see {@link Transactions}), which is correct because every
 * booking is a function of what it reads. No caller is answered before the COMMIT returned: an answered fill is
 * durable, and a caller that got a failure may deliver the fill again (it is idempotent on the trade id).
 */
final class CombiningFillJournal implements FillJournal {

    /**
     * The most fills booked in one transaction. Each fill's savepoint is a subtransaction, and PostgreSQL keeps the
     * ids of up to 64 subtransactions per backend in shared memory: more makes every other session's snapshots slower
     * (subtransaction cache overflow), so the cap stays well below that.
     */
    static final int DEFAULT_MAX_BATCH = 32;

    /**
     * Batches in flight at once, each on its own connection. One writer runs every fill's statements one after the
     * other on one connection, which at 2 and more callers is slower than a transaction per fill on several
     * connections (measured: docs/design-notes.md, "Write-combined fills"); a few writers keep that parallelism and
     * still share commits. Below the execution pool's size, so that orders and reads keep a connection.
     */
    static final int DEFAULT_WRITERS = 3;

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

    /** What booking one fill gave inside the batch's transaction: an answer, or a failure of this fill alone. */
    private record Outcome(Either<Rejection, FillRecording> answer, RuntimeException failure) {
    }

    @Override
    public Either<Rejection, FillRecording> record(Trade trade, Booking booking) {
        Pending pending = new Pending(trade, booking, new CompletableFuture<>());
        waiting.add(pending);
        if (claimWriter()) {
            writeAsCaller(pending);
        }
        try {
            // Not interruptible on purpose: once queued, the fill may be committed; the caller must learn how it went.
            return pending.answer().join();
        } catch (CompletionException failed) {
            Throwable cause = failed.getCause();
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

    private void write(List<Pending> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = Transactions.inTransaction(sessions, session -> bookAll(session, batch));
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
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                batch.get(i).answer().completeExceptionally(outcome.failure());
            } else {
                batch.get(i).answer().complete(outcome.answer());
            }
        }
    }

    /**
     * Books every fill of the batch in the session's transaction, each in its own savepoint; commits nothing. A lone
     * fill needs no savepoint (undoing it is undoing the transaction), which saves it a round trip.
     */
    private static List<Outcome> bookAll(SqlSession session, List<Pending> batch) {
        Connection connection = session.getConnection();
        boolean alone = batch.size() == 1;
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            Trade trade = pending.trade();
            Runnable undo;
            if (alone) {
                undo = () -> session.rollback(true);
            } else {
                Savepoint savepoint = savepoint(connection);
                undo = () -> rollbackTo(connection, savepoint);
            }
            try {
                outcomes.add(new Outcome(MyBatisFillJournal.book(session, trade, pending.booking(), undo), null));
            } catch (RuntimeException failure) {
                if (SqlStates.is(failure, SqlStates.CONFLICTING_TRADE_REPLAY)) {
                    undo.run();
                    Trade existing = session.getMapper(TradeMapper.class).findById(trade.tradeId().value()).toTrade();
                    outcomes.add(new Outcome(Either.right(new FillRecording.Conflicting(existing, trade)), null));
                } else if (SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION)) {
                    undo.run();
                    outcomes.add(new Outcome(Either.left(MyBatisFillJournal.unknownOrder(trade)), null));
                } else if (isDatabaseFailure(failure)) {
                    throw failure; // the whole batch: rolled back, retried if a deadlock, else every caller fails
                } else {
                    // A defect in this fill's booking (not the database's): this fill fails, its neighbours stand.
                    undo.run();
                    outcomes.add(new Outcome(null, failure));
                }
            }
        }
        return outcomes;
    }

    private static boolean isDatabaseFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof PersistenceException || t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException failed) {
            throw new PersistenceException("could not set the savepoint of a fill", failed);
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException failed) {
            throw new PersistenceException("could not roll a fill back to its savepoint", failed);
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

    /** The largest committed batch so far. */
    int largestBatch() {
        return largestBatch.get();
    }

    @Override
    public String toString() {
        return "combining fill journal (up to " + maxBatch + " fills per transaction, " + writers + " writers)";
    }
}
