package dev.tradingcore.adapters.postgres.fill;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fill.FillBookkeeping;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillJournalContract;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The combining journal keeps the journal's contract (the contract runs through the facade's journal, which is the
 * combining one), and per fill inside one batch: exactly once, a conflicting replay reported, a refusal that leaves
 * its neighbours booked, and a failed COMMIT that fails every caller of the batch and stores nothing of it.
 *
 * <p>To get a known batch, a journal with one writer is used and that writer is held: the administrator locks the order row of a first fill, so the writer
 * waits inside that fill's transaction; the fills queued meanwhile, one by one so their order is known, all form the
 * next batch when the lock is released.
 */
class CombiningFillJournalTest extends FillJournalContract {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static ExecutorService callers;

    @BeforeAll
    static void callersAndACommitThatFails() throws SQLException {
        callers = Executors.newCachedThreadPool();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE FUNCTION refused_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'position % refused at commit', NEW.symbol USING ERRCODE = '23514';
                    END $$;
                    CREATE CONSTRAINT TRIGGER refused_at_commit AFTER INSERT OR UPDATE ON positions
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.symbol LIKE 'REFUSED%')
                        EXECUTE FUNCTION refused_at_commit();
                    """);
        }
    }

    @AfterAll
    static void stopCallers() {
        callers.shutdownNow();
    }

    private static PostgresPersistence persistence() {
        return db.persistence();
    }

    @Override
    protected FillJournal journal() {
        return persistence().fillJournal();
    }

    @Override
    protected OrderRepository orders() {
        return persistence().orders();
    }

    @Override
    protected PositionRepository positions() {
        return persistence().positions();
    }

    @Override
    protected TradeRepository trades() {
        return persistence().trades();
    }

    @Override
    protected PositionCorrections corrections() {
        return persistence().positionCorrections();
    }

    private Order stored(String id, String symbol, String quantity) {
        Order order = anOrder().withId(id).withSymbol(symbol).withQuantity(quantity).submitted();
        orders().save(order);
        return order;
    }

    /** A journal with a single writer, so that holding the writer holds the journal. */
    private static CombiningFillJournal oneWriter() {
        return new CombiningFillJournal(db.sessions(), CombiningFillJournal.DEFAULT_MAX_BATCH, 1);
    }

    private static Future<Either<Rejection, FillRecording>> call(CombiningFillJournal journal, Trade trade) {
        return callers.submit(() -> journal.record(trade, bookingOf(trade)));
    }

    /** The trade ids whose booking throws, as a defect in the domain would. */
    private static final Set<String> BROKEN_BOOKINGS = ConcurrentHashMap.newKeySet();

    private static FillJournal.Booking bookingOf(Trade trade) {
        FillJournal.Booking standard = FillBookkeeping.at(AT);
        if (!BROKEN_BOOKINGS.contains(trade.tradeId().value())) {
            return standard;
        }
        return new FillJournal.Booking() {
            @Override
            public Either<Rejection, FillJournal.Entry> book(Trade t, Position p,
                    Order o) {
                throw new IllegalStateException("booking of " + t.tradeId() + " is broken");
            }

            @Override
            public Either<Rejection, FillJournal.Entry> rebook(Trade t, Position b,
                    io.vavr.collection.List<Trade> earlier, io.vavr.collection.List<Trade> later, Order o) {
                throw new IllegalStateException("booking of " + t.tradeId() + " is broken");
            }
        };
    }

    /**
     * Holds the writer on a fill of its own, queues {@code trades} one by one in that order, then lets the writer go:
     * they are booked as one batch.
     *
     * @return each caller's answer, in the order of {@code trades}; a failure as its exception
     */
    private List<Try<Either<Rejection, FillRecording>>> asOneBatch(CombiningFillJournal journal, String name,
            List<Trade> trades) throws Exception {
        Order blocker = stored(name + "-hold", name.toUpperCase() + "-H", "10");
        List<Future<Either<Rejection, FillRecording>>> answers = new ArrayList<>();
        Future<Either<Rejection, FillRecording>> held;
        try (Connection admin = db.connect()) {
            admin.setAutoCommit(false);
            try (PreparedStatement lock = admin.prepareStatement("SELECT 1 FROM orders WHERE order_id = ? FOR UPDATE")) {
                lock.setString(1, blocker.orderId().value());
                lock.executeQuery().close();
            }
            long takenBefore = journal.taken();
            held = call(journal, aTradeFor(blocker).withId(name + "-hold-t").withQuantity("10").at("1").build());
            Eventually.within(PATIENCE, "the writer took the held fill", () -> journal.taken() == takenBefore + 1);
            for (Trade trade : trades) {
                int before = journal.waiting();
                answers.add(call(journal, trade));
                Eventually.within(PATIENCE, "fill " + trade.tradeId() + " queued", () -> journal.waiting() == before + 1);
            }
            admin.commit();
        }
        assertThat(held.get(1, TimeUnit.MINUTES).get()).isInstanceOf(FillRecording.Recorded.class);
        List<Try<Either<Rejection, FillRecording>>> results = new ArrayList<>();
        for (Future<Either<Rejection, FillRecording>> answer : answers) {
            results.add(Try.of(() -> {
                try {
                    return answer.get(1, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException failed) {
                    throw failed.getCause();
                }
            }));
        }
        assertThat(journal.waiting()).isZero();
        return results;
    }

    private static int count(String sql, String... parameters) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void the_same_trade_from_eight_threads_is_booked_once() throws Exception {
        Order order = stored("cb-same", "CBSAME", "10");
        Trade trade = aTradeFor(order).withId("cb-same-t1").withQuantity("4").at("20").build();
        CombiningFillJournal journal = new CombiningFillJournal(db.sessions());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Either<Rejection, FillRecording>>> answers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            answers.add(callers.submit(() -> {
                start.await();
                return journal.record(trade, FillBookkeeping.at(AT));
            }));
        }
        start.countDown();
        List<FillRecording> recordings = new ArrayList<>();
        for (Future<Either<Rejection, FillRecording>> answer : answers) {
            recordings.add(answer.get(1, TimeUnit.MINUTES).get());
        }

        assertThat(recordings).filteredOn(FillRecording.Recorded.class::isInstance).hasSize(1);
        assertThat(recordings).filteredOn(FillRecording.Duplicate.class::isInstance).hasSize(7);
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id = ?", "cb-same-t1")).isEqualTo(1);
        assertThat(positions().findBySymbol(trade.symbol()).get().quantity()).isEqualByComparingTo("4");
        assertThat(orders().findById(order.orderId()).get().filledQuantity().toString()).isEqualTo("4");
    }

    @Test
    void replays_and_a_conflicting_replay_inside_one_batch_are_answered_each() throws Exception {
        Order order = stored("cb-cf", "CBCF", "10");
        Trade first = aTradeFor(order).withId("cb-cf-t1").withQuantity("3").at("10").build();
        Trade contradicting = aTradeFor(order).withId("cb-cf-t1").withQuantity("3").at("11").build();
        Trade second = aTradeFor(order).withId("cb-cf-t2").withQuantity("2").at("12").build();
        CombiningFillJournal journal = oneWriter();

        List<Try<Either<Rejection, FillRecording>>> answers = asOneBatch(journal, "cb-cf",
                List.of(first, first, contradicting, second));

        assertThat(answers.get(0).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(answers.get(1).get().get()).isEqualTo(new FillRecording.Duplicate(first));
        assertThat(answers.get(2).get().get()).isEqualTo(new FillRecording.Conflicting(first, contradicting));
        assertThat(answers.get(3).get().get()).isInstanceOfSatisfying(FillRecording.Recorded.class,
                recorded -> assertThat(recorded.positionAfter().quantity()).isEqualByComparingTo("5"));
        assertThat(journal.largestBatch()).as("the four fills went in one transaction").isEqualTo(4);
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id IN ('cb-cf-t1', 'cb-cf-t2')")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id = 'cb-cf-t1' AND price = 10")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE order_id = 'cb-cf' AND action = 'fill_applied'"))
                .isEqualTo(2);
        assertThat(positions().findBySymbol(first.symbol()).get().quantity()).isEqualByComparingTo("5");
    }

    @Test
    void a_refused_fill_inside_a_batch_leaves_its_neighbours_booked() throws Exception {
        Order order = stored("cb-rf", "CBRF", "10");
        Order other = stored("cb-rf2", "CBRG", "7");
        Order unknown = anOrder().withId("cb-rf-unknown").withSymbol("CBRF").withQuantity("5").submitted();
        Trade six = aTradeFor(order).withId("cb-rf-t1").withQuantity("6").at("10").build();
        Trade overFill = aTradeFor(order).withId("cb-rf-t2").withQuantity("6").at("10").build();
        Trade four = aTradeFor(order).withId("cb-rf-t3").withQuantity("4").at("10").build();
        Trade ofUnknownOrder = aTradeFor(unknown).withId("cb-rf-t4").withQuantity("1").at("10").build();
        Trade neighbour = aTradeFor(other).withId("cb-rf2-t1").withQuantity("7").at("30").build();
        CombiningFillJournal journal = oneWriter();

        List<Try<Either<Rejection, FillRecording>>> answers = asOneBatch(journal, "cb-rf",
                List.of(six, overFill, four, ofUnknownOrder, neighbour));

        assertThat(answers.get(0).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(answers.get(1).get().isLeft()).as("the over-fill is refused").isTrue();
        assertThat(answers.get(2).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(answers.get(3).get().getLeft().code()).isEqualTo("unknown_order");
        assertThat(answers.get(4).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(journal.largestBatch()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id IN ('cb-rf-t2', 'cb-rf-t4')"))
                .as("the refused fills are not stored").isZero();
        assertThat(orders().findById(order.orderId()).get().status().code()).isEqualTo("filled");
        assertThat(positions().findBySymbol(six.symbol()).get().quantity()).isEqualByComparingTo("10");
        assertThat(positions().findBySymbol(neighbour.symbol()).get().quantity()).isEqualByComparingTo("7");
    }

    @Test
    void a_booking_that_throws_fails_its_own_caller_only() throws Exception {
        Order order = stored("cb-bk", "CBBK", "10");
        Trade before = aTradeFor(order).withId("cb-bk-t1").withQuantity("2").at("10").build();
        Trade broken = aTradeFor(order).withId("cb-bk-t2").withQuantity("2").at("10").build();
        Trade after = aTradeFor(order).withId("cb-bk-t3").withQuantity("2").at("10").build();
        BROKEN_BOOKINGS.add("cb-bk-t2");
        CombiningFillJournal journal = oneWriter();

        List<Try<Either<Rejection, FillRecording>>> answers = asOneBatch(journal, "cb-bk",
                List.of(before, broken, after));

        assertThat(answers.get(0).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(answers.get(1).getCause()).hasMessageContaining("booking of cb-bk-t2 is broken");
        assertThat(answers.get(2).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(journal.largestBatch()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id = 'cb-bk-t2'")).isZero();
        assertThat(positions().findBySymbol(before.symbol()).get().quantity()).isEqualByComparingTo("4");
    }

    @Test
    void a_commit_that_fails_fails_every_caller_of_the_batch_and_stores_none_of_it() throws Exception {
        Order fine = stored("cb-cm", "CBCMOK", "10");
        Order refused = stored("cb-cm2", "REFUSEDCB", "10");
        Trade fineFill = aTradeFor(fine).withId("cb-cm-t1").withQuantity("5").at("10").build();
        Trade refusedFill = aTradeFor(refused).withId("cb-cm2-t1").withQuantity("5").at("10").build();
        Trade fineAgain = aTradeFor(fine).withId("cb-cm-t2").withQuantity("5").at("10").build();
        CombiningFillJournal journal = oneWriter();

        List<Try<Either<Rejection, FillRecording>>> answers = asOneBatch(journal, "cb-cm",
                List.of(fineFill, refusedFill, fineAgain));

        for (Try<Either<Rejection, FillRecording>> answer : answers) {
            assertThat(answer.isFailure()).as("every caller of the batch learns it failed").isTrue();
            assertThat(answer.getCause()).hasStackTraceContaining("position REFUSEDCB refused at commit");
        }
        assertThat(answers.get(0).getCause()).as("the same failure for all").isSameAs(answers.get(2).getCause());
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id IN ('cb-cm-t1', 'cb-cm2-t1', 'cb-cm-t2')"))
                .isZero();
        assertThat(count("SELECT count(*) FROM positions WHERE symbol IN ('CBCMOK', 'REFUSEDCB')")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE order_id IN ('cb-cm', 'cb-cm2')"
                + " AND action = 'fill_applied'")).isZero();
        assertThat(orders().findById(fine.orderId()).get().filledQuantity().toString()).isEqualTo("0");

        // The fills that were not refused go in when delivered again.
        assertThat(journal.record(fineFill, FillBookkeeping.at(AT)).get()).isInstanceOf(FillRecording.Recorded.class);
    }

    @Test
    void fills_from_eight_threads_are_combined_into_batches_and_each_is_booked_once() throws Exception {
        CombiningFillJournal journal = new CombiningFillJournal(db.sessions());
        List<Trade> fills = new ArrayList<>();
        for (int o = 0; o < 8; o++) {
            Order order = stored("cb-many-" + o, "CBMANY" + (o % 3), "100");
            for (int f = 0; f < 20; f++) {
                fills.add(aTradeFor(order).withId("cb-many-" + o + "-t" + f).withQuantity("1").at("10").build());
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<Trade> mine = fills.subList(t * 20, (t + 1) * 20);
            workers.add(callers.submit(() -> {
                start.await();
                int recorded = 0;
                for (Trade trade : mine) {
                    if (journal.record(trade, FillBookkeeping.at(AT)).get() instanceof FillRecording.Recorded) {
                        recorded++;
                    }
                }
                return recorded;
            }));
        }
        start.countDown();
        int recorded = 0;
        for (Future<Integer> worker : workers) {
            recorded += worker.get(2, TimeUnit.MINUTES);
        }

        assertThat(recorded).isEqualTo(fills.size());
        assertThat(journal.fills()).isEqualTo(fills.size());
        assertThat(journal.combinedBatches()).as("batches of more than one fill").isPositive();
        assertThat(journal.largestBatch()).isGreaterThan(1);
        assertThat(journal.batches()).isLessThan(fills.size());
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id LIKE 'cb-many-%'")).isEqualTo(fills.size());
        for (int s = 0; s < 3; s++) {
            int orders = s < 2 ? 3 : 2; // orders 0..7 over three symbols
            assertThat(count("SELECT quantity::int FROM positions WHERE symbol = ?", "CBMANY" + s))
                    .isEqualTo(orders * 20);
        }
    }

    @Test
    void a_batch_takes_two_round_trips_and_its_commit_whatever_its_size() throws Exception {
        List<Trade> trades = new ArrayList<>();
        for (int o = 0; o < 5; o++) {
            Order order = stored("cb-rt-" + o, "CBRT" + o, "100");
            for (int f = 0; f < 4; f++) {
                trades.add(aTradeFor(order).withId("cb-rt-" + o + "-t" + f).withQuantity("1").at("10").build());
            }
        }
        CombiningFillJournal journal = oneWriter();

        List<Try<Either<Rejection, FillRecording>>> answers = asOneBatch(journal, "cb-rt", trades);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.get().get()).isInstanceOf(FillRecording.Recorded.class));
        assertThat(journal.largestBatch()).isEqualTo(20);
        assertThat(journal.batches()).as("the held fill's batch and the 20 fills' batch").isEqualTo(2);
        assertThat(journal.roundTrips()).as("2 round trips and a commit per batch").isEqualTo(6);
        for (int o = 0; o < 5; o++) {
            assertThat(positions().findBySymbol(dev.tradingcore.domain.common.Symbol.of("CBRT" + o)).get().quantity())
                    .isEqualByComparingTo("4");
        }
    }

    /**
     * Fills of one symbol that arrive out of execution order inside one batch are booked as the same fills one
     * transaction each would book them: the same answers (sequence, position after each) and the same position.
     */
    @Test
    void fills_out_of_execution_order_in_one_batch_book_as_they_would_one_by_one() throws Exception {
        String[][] fills = { // trade, side, quantity, price, seconds after AT
                {"a", "buy", "10", "100", "5"}, {"b", "buy", "5", "110", "1"}, {"c", "sell", "8", "120", "3"},
                {"d", "sell", "4", "90", "7"}, {"e", "buy", "6", "95", "2"}, {"f", "sell", "3", "105", "6"}};
        List<Trade> batched = seqFills("CBSEQB", fills);
        List<Trade> alone = seqFills("CBSEQA", fills);
        FillJournal oneByOne = PostgresFills.journal(db.sessions());
        List<FillRecording> expected = new ArrayList<>();
        for (Trade trade : alone) {
            expected.add(oneByOne.record(trade, FillBookkeeping.at(AT)).get());
        }
        CombiningFillJournal journal = oneWriter();

        List<Try<Either<Rejection, FillRecording>>> answers = asOneBatch(journal, "cb-seq", batched);

        assertThat(journal.largestBatch()).isEqualTo(fills.length);
        for (int i = 0; i < fills.length; i++) {
            FillRecording.Recorded mine = (FillRecording.Recorded) answers.get(i).get().get();
            FillRecording.Recorded theirs = (FillRecording.Recorded) expected.get(i);
            assertThat(mine.sequence()).as("sequence of fill %s", fills[i][0]).isEqualTo(theirs.sequence());
            assertSamePosition(mine.positionAfter(), theirs.positionAfter(), "after fill " + fills[i][0]);
            assertThat(mine.positionVersion()).as("version after fill %s", fills[i][0])
                    .isEqualTo(theirs.positionVersion());
        }
        assertThat(expected).extracting(r -> ((FillRecording.Recorded) r).sequence())
                .as("the case is the one meant: some fills resequenced")
                .contains(FillRecording.Sequence.RESEQUENCED);
        assertSamePosition(positions().findBySymbol(batched.get(0).symbol()).get(),
                positions().findBySymbol(alone.get(0).symbol()).get(), "stored");
    }

    private List<Trade> seqFills(String symbol, String[][] fills) {
        Order buy = stored(symbol + "-buy", symbol, "100");
        Order sell = anOrder().withId(symbol + "-sell").withSymbol(symbol).withQuantity("100").selling().submitted();
        orders().save(sell);
        List<Trade> trades = new ArrayList<>();
        for (String[] f : fills) {
            trades.add(aTradeFor(f[1].equals("buy") ? buy : sell).withId(symbol + "-" + f[0]).withQuantity(f[2])
                    .at(f[3]).executedAt(AT.minusSeconds(60).plusSeconds(Long.parseLong(f[4]))).build());
        }
        return trades;
    }

    private static void assertSamePosition(Position mine, Position theirs, String when) {
        assertThat(mine.quantity()).as("quantity %s", when).isEqualByComparingTo(theirs.quantity());
        assertThat(mine.averagePrice().map(p -> p.value().toPlainString()))
                .as("average price %s", when).isEqualTo(theirs.averagePrice().map(p -> p.value().toPlainString()));
        assertThat(mine.realizedPnl()).as("realized P&L %s", when).isEqualByComparingTo(theirs.realizedPnl());
        assertThat(mine.costBasis()).as("cost basis %s", when).isEqualByComparingTo(theirs.costBasis());
        assertThat(mine.totalCommission()).as("commission %s", when).isEqualByComparingTo(theirs.totalCommission());
    }

    /** A broker sync round's fills, recorded together, are one batch: one transaction, one commit, each answered. */
    @Test
    void fills_recorded_together_are_one_batch_and_each_is_answered() throws Exception {
        Order order = stored("cb-all", "CBALL", "10");
        Order other = stored("cb-all2", "CBALM", "10");
        Trade first = aTradeFor(order).withId("cb-all-t1").withQuantity("4").at("10").build();
        journal().record(first, FillBookkeeping.at(AT));
        List<Trade> round = List.of(first, // delivered again
                aTradeFor(order).withId("cb-all-t2").withQuantity("5").at("11").build(),
                aTradeFor(order).withId("cb-all-t3").withQuantity("5").at("11").build(), // over-fill: refused
                aTradeFor(other).withId("cb-all2-t1").withQuantity("3").at("20").build(),
                aTradeFor(other).withId("cb-all2-t2").withQuantity("2").at("21").build());
        CombiningFillJournal journal = oneWriter();

        List<Try<Either<Rejection, FillRecording>>> answers = journal.recordAll(round, FillBookkeeping.at(AT));

        assertThat(journal.batches()).as("one transaction for the round").isEqualTo(1);
        assertThat(journal.largestBatch()).isEqualTo(round.size());
        assertThat(answers.get(0).get().get()).isInstanceOf(FillRecording.Duplicate.class);
        assertThat(answers.get(1).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(answers.get(2).get().isLeft()).as("the over-fill is refused, alone").isTrue();
        assertThat(answers.get(3).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(answers.get(4).get().get()).isInstanceOf(FillRecording.Recorded.class);
        assertThat(positions().findBySymbol(first.symbol()).get().quantity()).isEqualByComparingTo("9");
        assertThat(positions().findBySymbol(round.get(3).symbol()).get().quantity()).isEqualByComparingTo("5");
    }
}
