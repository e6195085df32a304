package dev.tradingcore.domain.fill;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.control.Either;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FillJournal} must do, run against each implementation. Each test uses its own order ids and
 * symbols, so implementations may share one store across the tests of a class.
 */
public abstract class FillJournalContract {

    protected static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    protected abstract FillJournal journal();

    /** Where the journal's orders live; tests store the orders that fills refer to here. */
    protected abstract OrderRepository orders();

    protected abstract PositionRepository positions();

    protected abstract TradeRepository trades();

    /** Reconciliation's corrections on the same store: a correction is the basis later replays start from. */
    protected abstract PositionCorrections corrections();

    private Order storedOrder(String id, String symbol, Side side, String quantity) {
        Order order = anOrder().withId(id).withSymbol(symbol).withSide(side).withQuantity(quantity).submitted();
        orders().save(order);
        return order;
    }

    private Either<Rejection, FillRecording> record(Trade trade) {
        return journal().record(trade, FillBookkeeping.at(AT));
    }

    @Test
    void a_new_fill_moves_position_and_order_and_is_stored_once() {
        Order order = storedOrder("fj-1", "FJA", Side.BUY, "100");
        Trade trade = aTradeFor(order).withId("fj-1-t1").withQuantity("40").at("10.25").withCommission("0.1").build();

        FillRecording recording = record(trade).get();

        assertThat(recording).isInstanceOfSatisfying(FillRecording.Recorded.class, recorded -> {
            assertThat(recorded.positionAfter().quantity()).isEqualByComparingTo("40");
            assertThat(recorded.orderAfter().status()).isEqualTo(OrderStatus.PARTIAL_FILL);
            assertThat(recorded.positionVersion()).isPositive();
        });
        assertThat(positions().findBySymbol(Symbol.of("FJA")).get().quantity()).isEqualByComparingTo("40");
        assertThat(orders().findById(order.orderId()).get().filledQuantity().value()).isEqualByComparingTo("40");
        assertThat(trades().findByOrderId(order.orderId())).containsExactly(trade);
    }

    @Test
    void a_replay_is_a_duplicate_even_with_another_time_and_changes_nothing() {
        Order order = storedOrder("fj-2", "FJB", Side.BUY, "100");
        Trade trade = aTradeFor(order).withId("fj-2-t1").withQuantity("10").at("5").build();
        record(trade);
        Position before = positions().findBySymbol(Symbol.of("FJB")).get();

        FillRecording again = record(trade).get();
        FillRecording later = record(aTradeFor(order).withId("fj-2-t1").withQuantity("10").at("5")
                .executedAt(trade.timestamp().plusSeconds(3600)).build()).get();

        assertThat(again).isEqualTo(new FillRecording.Duplicate(trade));
        assertThat(later).isEqualTo(new FillRecording.Duplicate(trade));
        assertThat(positions().findBySymbol(Symbol.of("FJB")).get()).isEqualTo(before);
        assertThat(trades().findByOrderId(order.orderId())).hasSize(1);
    }

    @Test
    void the_same_trade_id_with_other_economics_is_a_conflict_and_changes_nothing() {
        Order order = storedOrder("fj-3", "FJC", Side.BUY, "100");
        Trade first = aTradeFor(order).withId("fj-3-t1").withQuantity("10").at("5").build();
        record(first);

        FillRecording conflict = record(aTradeFor(order).withId("fj-3-t1").withQuantity("11").at("5").build()).get();

        assertThat(conflict).isInstanceOfSatisfying(FillRecording.Conflicting.class,
                c -> assertThat(c.existing()).isEqualTo(first));
        assertThat(positions().findBySymbol(Symbol.of("FJC")).get().quantity()).isEqualByComparingTo("10");
    }

    @Test
    void a_fill_the_booking_refuses_writes_nothing_not_even_the_trade() {
        Order order = storedOrder("fj-4", "FJD", Side.SELL, "10");

        Either<Rejection, FillRecording> result =
                record(aTradeFor(order).withId("fj-4-t1").withQuantity("11").at("5").build());

        assertThat(result.getLeft().code()).isEqualTo("overfill");
        assertThat(trades().findByOrderId(order.orderId())).isEmpty();
        assertThat(orders().findById(order.orderId()).get()).isEqualTo(order);
        assertThat(positions().findBySymbol(Symbol.of("FJD")).map(Position::quantity).getOrElse(java.math.BigDecimal.ZERO))
                .isEqualByComparingTo("0");
    }

    @Test
    void a_fill_of_an_order_that_is_not_recorded_is_refused() {
        Order notStored = anOrder().withId("fj-5").withSymbol("FJE").submitted();

        Either<Rejection, FillRecording> result = record(aTradeFor(notStored).withId("fj-5-t1").build());

        assertThat(result.getLeft().code()).isEqualTo("unknown_order");
        assertThat(trades().findById(dev.tradingcore.domain.trade.TradeId.of("fj-5-t1")).isEmpty()).isTrue();
    }

    /**
     * Order 1 buys 50 @ 10 (t1) and 50 @ 14 (t3); order 2 sells 50 @ 12 (t2). In execution order: realized +100,
     * 50 @ 14; in the arrival order t1, t3, t2 it would be realized 0, 50 @ 12.
     */
    @Test
    void a_fill_executed_before_fills_already_booked_is_booked_as_if_it_had_arrived_in_execution_order() {
        Order buy = storedOrder("fj-7b", "FJG", Side.BUY, "100");
        Order sell = storedOrder("fj-7s", "FJG", Side.SELL, "50");
        record(aTradeFor(buy).withId("fj-7-t1").withQuantity("50").at("10").executedAt(AT.plusSeconds(1)).build());
        record(aTradeFor(buy).withId("fj-7-t3").withQuantity("50").at("14").executedAt(AT.plusSeconds(3)).build());

        FillRecording late = record(aTradeFor(sell).withId("fj-7-t2").withQuantity("50").at("12")
                .executedAt(AT.plusSeconds(2)).build()).get();

        assertThat(late).isInstanceOfSatisfying(FillRecording.Recorded.class,
                r -> assertThat(r.sequence()).isEqualTo(FillRecording.Sequence.RESEQUENCED));
        Position stored = positions().findBySymbol(Symbol.of("FJG")).get();
        assertThat(stored.quantity()).isEqualByComparingTo("50");
        assertThat(stored.averagePrice().get().value()).isEqualByComparingTo("14");
        assertThat(stored.realizedPnl()).isEqualByComparingTo("100");
        assertThat(orders().findById(sell.orderId()).get().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void executions_of_one_instant_are_booked_in_trade_id_order() {
        Order buy = storedOrder("fj-8b", "FJH", Side.BUY, "10");
        Order sell = storedOrder("fj-8s", "FJH", Side.SELL, "10");
        record(aTradeFor(sell).withId("fj-8-b").withQuantity("10").at("12").executedAt(AT).build());

        record(aTradeFor(buy).withId("fj-8-a").withQuantity("10").at("10").executedAt(AT).build());

        Position stored = positions().findBySymbol(Symbol.of("FJH")).get();
        assertThat(stored.quantity()).isEqualByComparingTo("0");
        assertThat(stored.realizedPnl()).as("bought at 10 (trade a), then sold at 12 (trade b)")
                .isEqualByComparingTo("20");
    }

    @Test
    void replays_start_from_a_reconciliation_correction_and_a_fill_older_than_it_is_kept_by_later_replays() {
        Order buy = storedOrder("fj-9b", "FJI", Side.BUY, "100");
        record(aTradeFor(buy).withId("fj-9-t2").withQuantity("10").at("10").executedAt(AT.plusSeconds(2)).build());
        long version = positions().findVersioned(Symbol.of("FJI")).get().version();
        // The broker held 30 (20 bought elsewhere): the correction is the new basis.
        Position corrected = Position.opened(Symbol.of("FJI"), new java.math.BigDecimal("30"),
                dev.tradingcore.domain.common.Price.of("11"), java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO,
                io.vavr.control.Option.none(), AT.plusSeconds(5));
        corrections().apply(io.vavr.collection.List.of(new PositionCorrections.Correction(corrected, version)),
                io.vavr.collection.List.empty()).get();
        record(aTradeFor(buy).withId("fj-9-t6").withQuantity("10").at("12").executedAt(AT.plusSeconds(6)).build());

        FillRecording older = record(aTradeFor(buy).withId("fj-9-t1").withQuantity("1").at("9")
                .executedAt(AT.plusSeconds(1)).build()).get();
        record(aTradeFor(buy).withId("fj-9-t5").withQuantity("1").at("10").executedAt(AT.plusSeconds(5)).build());

        assertThat(older).isInstanceOfSatisfying(FillRecording.Recorded.class,
                r -> assertThat(r.sequence()).isEqualTo(FillRecording.Sequence.BEFORE_BASIS));
        assertThat(positions().findBySymbol(Symbol.of("FJI")).get().quantity())
                .as("30 corrected + 10 (t6) + 1 (t1, older than the correction) + 1 (t5, replayed with it)")
                .isEqualByComparingTo("42");
    }

    @Test
    void fills_across_zero_flip_the_position_and_each_write_is_a_newer_version() {
        Order buy = storedOrder("fj-6b", "FJF", Side.BUY, "10");
        Order sell = storedOrder("fj-6s", "FJF", Side.SELL, "25");

        long v1 = ((FillRecording.Recorded) record(aTradeFor(buy).withId("fj-6-t1").withQuantity("10").at("100")
                .build()).get()).positionVersion();
        FillRecording.Recorded flipped = (FillRecording.Recorded) record(aTradeFor(sell).withId("fj-6-t2")
                .withQuantity("25").at("110").build()).get();

        assertThat(flipped.positionVersion()).isGreaterThan(v1);
        Position stored = positions().findBySymbol(Symbol.of("FJF")).get();
        assertThat(stored.quantity()).isEqualByComparingTo("-15");
        assertThat(stored.averagePrice().get().value()).isEqualByComparingTo("110");
        assertThat(stored.realizedPnl()).isEqualByComparingTo("100");
        assertThat(orders().findById(buy.orderId()).get().status()).isEqualTo(OrderStatus.FILLED);
    }
}
