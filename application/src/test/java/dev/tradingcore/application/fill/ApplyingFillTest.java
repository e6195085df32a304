package dev.tradingcore.application.fill;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryFillJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.fakes.InMemoryTradeRepository;
import dev.tradingcore.domain.fakes.InMemoryPositionRepository;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.trade.Trade;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyingFillTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
    private static final Symbol AAPL = Symbol.of("AAPL");

    private final InMemoryPositionRepository positions = new InMemoryPositionRepository();
    private final InMemoryFillJournal journal =
            new InMemoryFillJournal(positions, new InMemoryOrderRepository(), new InMemoryTradeRepository(),
                    new InMemoryAuditLog());
    private final PositionCache cache = new PositionCache();
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final ApplyingFill applyingFill = new ApplyingFill(journal, positions, cache, alerts, CLOCK);
    private Order order;

    @BeforeEach
    void anOrderOf100AaplAtTheBroker() {
        order = anOrder().withQuantity("100").submitted();
        journal.putOrder(order);
    }

    @Test
    void a_new_fill_is_recorded_and_the_cache_holds_the_committed_position() {
        Trade fill = aTradeFor(order).withId("t-1").withQuantity("30").at("150").build();

        FillOutcome outcome = applyingFill.apply(fill);

        assertThat(outcome).isInstanceOf(FillOutcome.Applied.class);
        assertThat(outcome.isRecorded()).isTrue();
        assertThat(cache.get(AAPL).get().quantity()).isEqualByComparingTo("30");
        assertThat(cache.versionOf(AAPL)).isEqualTo(1);
        assertThat(journal.order(order.orderId()).status()).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(journal.audit().map(a -> a.action())).containsExactly("fill_applied");
        assertThat(alerts.alerts()).isEmpty();
    }

    @Test
    void a_replayed_fill_changes_nothing_and_counts_as_recorded() {
        Trade fill = aTradeFor(order).withId("t-1").withQuantity("30").at("150").build();
        applyingFill.apply(fill);

        FillOutcome again = applyingFill.apply(fill);

        assertThat(again).isEqualTo(new FillOutcome.AlreadyRecorded(fill));
        assertThat(again.isRecorded()).isTrue();
        assertThat(cache.get(AAPL).get().quantity()).isEqualByComparingTo("30");
        assertThat(cache.versionOf(AAPL)).isEqualTo(1);
        assertThat(journal.trades()).hasSize(1);
        assertThat(alerts.alerts()).isEmpty();
    }

    @Test
    void a_duplicate_after_a_lost_commit_acknowledgement_brings_the_cache_up_to_date() {
        // The first attempt committed but its answer was lost: the journal holds the fill, the cache does not.
        Trade fill = aTradeFor(order).withId("t-1").withQuantity("30").at("150").build();
        journal.record(fill, dev.tradingcore.domain.fill.FillBookkeeping.at(CLOCK.instant()));
        assertThat(cache.get(AAPL).isEmpty()).isTrue();

        FillOutcome retried = applyingFill.apply(fill);

        assertThat(retried).isInstanceOf(FillOutcome.AlreadyRecorded.class);
        assertThat(cache.get(AAPL).get().quantity()).isEqualByComparingTo("30");
        assertThat(cache.versionOf(AAPL)).isEqualTo(1);
    }

    @Test
    void the_same_trade_id_with_other_economics_is_a_conflict_raised_to_a_person() {
        applyingFill.apply(aTradeFor(order).withId("t-1").withQuantity("30").at("150").build());

        FillOutcome outcome = applyingFill.apply(aTradeFor(order).withId("t-1").withQuantity("31").at("150").build());

        assertThat(outcome).isInstanceOf(FillOutcome.Conflict.class);
        assertThat(outcome.isRecorded()).as("not acknowledged: the stream must not treat it as done").isFalse();
        assertThat(cache.get(AAPL).get().quantity()).isEqualByComparingTo("30");
        assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL).map(a -> a.title())).containsExactly("Conflicting fill");
    }

    @Test
    void an_overfill_is_refused_with_its_reason_and_alerted() {
        FillOutcome outcome = applyingFill.apply(aTradeFor(order).withId("t-9").withQuantity("101").at("150").build());

        assertThat(outcome).isInstanceOfSatisfying(FillOutcome.Refused.class,
                refused -> assertThat(refused.reason().code()).isEqualTo("overfill"));
        assertThat(journal.trades()).isEmpty();
        assertThat(cache.get(AAPL).isEmpty()).isTrue();
        assertThat(alerts.titles()).containsExactly("Fill refused");
    }

    @Test
    void a_fill_of_an_order_we_do_not_know_is_refused_and_alerted() {
        Trade stray = aTradeFor(anOrder().withId("elsewhere").submitted()).withId("t-5").build();

        FillOutcome outcome = applyingFill.apply(stray);

        assertThat(outcome).isInstanceOfSatisfying(FillOutcome.Refused.class,
                refused -> assertThat(refused.reason().code()).isEqualTo("unknown_order"));
        assertThat(alerts.alerts().head().context().get("trade_id").get()).isEqualTo("t-5");
    }

    @Test
    void with_the_database_unreachable_the_fill_is_not_recorded_and_must_be_delivered_again() {
        journal.setUnavailable(true);
        Trade fill = aTradeFor(order).withId("t-1").withQuantity("30").at("150").build();

        FillOutcome outcome = applyingFill.apply(fill);

        assertThat(outcome).isInstanceOf(FillOutcome.NotRecorded.class);
        assertThat(outcome.isRecorded()).isFalse();
        assertThat(cache.get(AAPL).isEmpty()).isTrue();

        journal.setUnavailable(false);
        assertThat(applyingFill.apply(fill)).isInstanceOf(FillOutcome.Applied.class);
        assertThat(cache.get(AAPL).get().quantity()).isEqualByComparingTo("30");
    }

    @Test
    void a_fill_after_the_cancel_is_booked_and_the_order_stays_cancelled() {
        Order cancelled = order.cancelled(CLOCK.instant()).get().order();
        journal.putOrder(cancelled);

        FillOutcome outcome = applyingFill.apply(aTradeFor(cancelled).withId("late").withQuantity("10").build());

        assertThat(outcome).isInstanceOfSatisfying(FillOutcome.Applied.class, applied -> {
            assertThat(applied.order().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(applied.order().filledQuantity().value()).isEqualByComparingTo("10");
        });
        assertThat(journal.audit().map(a -> a.action())).containsExactly("late_fill_applied");
    }
}
