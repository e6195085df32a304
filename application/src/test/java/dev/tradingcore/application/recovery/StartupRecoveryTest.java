package dev.tradingcore.application.recovery;

import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.ReconciliationResult;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.port.in.RecoveryReport.Outcome;
import dev.tradingcore.application.support.FakeBroker;
import dev.tradingcore.application.support.RecoveryRig;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.trade.TradeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The trader's cases of a restart: what the core must find and do before it accepts a new order. */
class StartupRecoveryTest {

    private final RecoveryRig rig = new RecoveryRig();
    private final FakeBroker broker = rig.broker;

    @Test
    void a_fill_missed_during_the_crash_is_recorded_once_and_the_position_is_not_corrected_again() {
        // Before the crash: our order was working at the broker, nothing filled, nothing held.
        Order order = rig.recorded(anOrder().withId("o1").withQuantity("100").submitted());
        broker.accepted(order, "brk-o1");
        // While the core was down, the broker filled it: its position includes the fill.
        broker.fill("brk-o1", "t1", "100", "10", T0.plusSeconds(30));

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.trades.all().map(t -> t.tradeId())).containsExactly(TradeId.of("t1"));
        assertThat(rig.ourQuantity("AAPL")).as("100 once, not 200: the fill, then no correction")
                .isEqualByComparingTo("100");
        assertThat(rig.order(order).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(report.discrepancies()).isEmpty();
        assertThat(rig.auditLines("position_corrected")).isZero();
        assertThat(rig.cache.get(Symbol.of("AAPL")).get().quantity()).isEqualByComparingTo("100");
        assertThat(report.orders().fills().applied()).isEqualTo(1);
        assertThat(report.outcome()).isEqualTo(Outcome.CORRECTED);
        assertThat(rig.state.lastReconciliation()).contains(RecoveryRig.NOW);
    }

    @Test
    void a_pending_order_the_broker_never_received_is_rejected() {
        Order order = rig.recorded(anOrder().withId("o2").pending());

        RecoveryReport report = rig.recovery.recover();

        Order after = rig.order(order);
        assertThat(after.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(after.errorMessage().get()).contains("never reached the broker");
        assertThat(broker.calls()).contains("orderByClientOrderId");
        assertThat(rig.audit.eventsOfOrder(order.orderId()).map(AuditEvent::action)).containsExactly("order_recovered");
        assertThat(report.orders().advanced()).isEqualTo(1);
        assertThat(report.outcome()).isEqualTo(Outcome.CORRECTED);
    }

    @Test
    void a_pending_order_the_broker_did_receive_becomes_submitted_and_its_fills_are_applied() {
        // The submit reached the broker, but the core died before recording its answer.
        Order order = rig.recorded(anOrder().withId("o3").withQuantity("100").pending());
        broker.accepted(order, "brk-o3");
        broker.fill("brk-o3", "t3a", "30", "10", T0.plusSeconds(2));
        broker.fill("brk-o3", "t3b", "10", "11", T0.plusSeconds(3));

        rig.recovery.recover();

        Order after = rig.order(order);
        assertThat(after.brokerOrderId()).contains(BrokerOrderId.of("brk-o3"));
        assertThat(after.status()).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(after.filledQuantity().value()).isEqualByComparingTo("40");
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("40");
        assertThat(rig.trades.all()).hasSize(2);
        assertThat(rig.auditLines("position_corrected")).isZero();
    }

    @Test
    void a_timeout_leaves_every_order_untouched() {
        Order pending = rig.recorded(anOrder().withId("o4").pending());
        Order submitted = rig.recorded(anOrder().withId("o5").submitted());
        broker.failAlways("orderById", FakeBroker.TIMEOUT).failAlways("orderByClientOrderId", FakeBroker.TIMEOUT);

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.order(pending)).isEqualTo(pending);
        assertThat(rig.order(submitted)).isEqualTo(submitted);
        assertThat(rig.audit.events()).isEmpty();
        assertThat(report.orders().leftForRetry()).isEqualTo(2);
        assertThat(report.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(rig.alerts.titles()).containsExactly("Start-up recovery incomplete");
    }

    @Test
    void an_incomplete_recovery_says_which_orders_it_left_and_why_once() {
        // What reconcile-only prints and the alert carries is the summary: "1 left for retry" alone sends the
        // operator to the logs; the order and the broker's answer must be in it, each reason once.
        Order submitted = rig.recorded(anOrder().withId("o6").submitted());
        broker.failAlways("orderById", FakeBroker.TIMEOUT).failAlways("orderByClientOrderId", FakeBroker.TIMEOUT);

        RecoveryReport report = rig.recovery.recover();

        String reason = report.orders().failures().single();
        assertThat(reason).contains(submitted.orderId().value());
        assertThat(report.summary()).containsOnlyOnce("could not: " + reason);
        assertThat(report.summary().filter(line -> line.contains(reason))).hasSize(1);
        assertThat(rig.alerts.alerts().single().message()).contains(reason);
    }

    @Test
    void fills_that_cannot_be_read_leave_orders_with_fills_untouched_and_positions_uncompared() {
        Order order = rig.recorded(anOrder().withId("o6").withQuantity("100").submitted());
        broker.accepted(order, "brk-o6");
        broker.fill("brk-o6", "t6", "100", "10", T0.plusSeconds(30));
        broker.failAlways("fillsSince", FakeBroker.TIMEOUT);

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.order(order)).isEqualTo(order);
        assertThat(rig.ourQuantity("AAPL")).as("not corrected to the broker's 100: the fill is still to be recorded")
                .isZero();
        assertThat(report.positions()).isInstanceOf(ReconciliationResult.NotRun.class);
        assertThat(report.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(report.syncFrom()).as("the sync reads the whole window again")
                .isEqualTo(report.orders().fillWindowStart());
        assertThat(rig.state.lastReconciliation()).isEmpty();
    }

    @Test
    void an_unknown_broker_status_makes_the_order_unknown_and_alerts() {
        Order order = rig.recorded(anOrder().withId("o7").submitted());
        broker.accepted(order, "brk-o7");
        broker.report("brk-o7", OrderStatus.UNKNOWN, "suspended");

        RecoveryReport report = rig.recovery.recover();

        Order after = rig.order(order);
        assertThat(after.status()).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(after.errorMessage().get()).contains("suspended");
        assertThat(rig.alerts.ofSeverity(AlertSeverity.HIGH).map(a -> a.title()))
                .containsExactly("Order recovery needs a person");
        assertThat(rig.alerts.alerts().head().context().get("order_id")).contains("o7");
        assertThat(report.orders().escalated()).isEqualTo(1);
    }

    @Test
    void symbols_held_on_one_side_only_are_corrected_and_audited() {
        rig.weHold("TSLA", "10", "200");
        broker.holds("MSFT", "50", "300");

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.ourQuantity("TSLA")).isZero();
        assertThat(rig.ourQuantity("MSFT")).isEqualByComparingTo("50");
        assertThat(rig.cache.get(Symbol.of("MSFT")).get().quantity()).isEqualByComparingTo("50");
        assertThat(rig.cache.get(Symbol.of("TSLA")).get().isFlat()).isTrue();
        var corrected = rig.audit.events().filter(e -> e.action().equals("position_corrected"));
        assertThat(corrected.map(e -> e.details().get("symbol").get())).containsExactly("MSFT", "TSLA");
        assertThat(corrected.map(e -> e.details().get("our_quantity").get() + "->"
                + e.details().get("broker_quantity").get())).containsExactly("0->50", "10->0");
        assertThat(rig.alerts.ofSeverity(AlertSeverity.HIGH).map(a -> a.title()))
                .containsExactly("Positions differed from the broker");
        assertThat(report.corrections()).hasSize(2);
        assertThat(report.outcome()).isEqualTo(Outcome.CORRECTED);
        assertThat(report.outcome().exitCode()).isEqualTo(1);
        assertThat(rig.state.lastReconciliation()).contains(RecoveryRig.NOW);
    }

    @Test
    void a_clean_start_changes_nothing_and_alerts_nothing() {
        rig.weHold("AAPL", "100", "10");
        broker.holds("AAPL", "100", "10");
        Order done = rig.recorded(anOrder().withId("o8").submitted().cancelled(T0.plusSeconds(5)).get().order());

        RecoveryReport report = rig.recovery.recover();

        assertThat(report.outcome()).isEqualTo(Outcome.CLEAN);
        assertThat(report.outcome().exitCode()).isZero();
        assertThat(rig.audit.events()).isEmpty();
        assertThat(rig.alerts.alerts()).isEmpty();
        assertThat(rig.order(done)).isEqualTo(done);
        assertThat(rig.cache.get(Symbol.of("AAPL")).get().quantity()).isEqualByComparingTo("100");
        assertThat(rig.state.lastReconciliation()).contains(RecoveryRig.NOW);
    }

    @Test
    void running_recovery_twice_changes_nothing_the_second_time() {
        Order filledWhileDown = rig.recorded(anOrder().withId("o9").withQuantity("100").submitted());
        broker.accepted(filledWhileDown, "brk-o9");
        broker.fill("brk-o9", "t9", "100", "10", T0.plusSeconds(30));
        rig.recorded(anOrder().withId("o10").withSymbol("IBM").pending());
        rig.weHold("TSLA", "10", "200");
        broker.holds("MSFT", "50", "300");

        assertThat(rig.recovery.recover().outcome()).isEqualTo(Outcome.CORRECTED);
        int auditLines = rig.audit.events().size();
        int alerts = rig.alerts.alerts().size();
        var positions = rig.positions.findAllVersioned();

        RecoveryReport second = rig.recovery.recover();

        assertThat(second.outcome()).isEqualTo(Outcome.CLEAN);
        assertThat(rig.audit.events()).hasSize(auditLines);
        assertThat(rig.alerts.alerts()).hasSize(alerts);
        assertThat(rig.positions.findAllVersioned()).isEqualTo(positions);
        assertThat(rig.trades.all()).hasSize(1);
        assertThat(second.orders().examined()).as("nothing left in an intermediate state").isZero();
    }

    @Test
    void a_late_fill_of_an_order_cancelled_before_the_crash_is_recorded() {
        Order order = anOrder().withId("o11").withQuantity("100").submitted();
        rig.recorded(order.cancelled(T0.plusSeconds(5)).get().order());
        broker.accepted(order, "brk-o11");
        broker.fill("brk-o11", "t11", "20", "10", T0.plusSeconds(4));
        broker.report("brk-o11", OrderStatus.CANCELLED, "canceled");
        rig.state.saveLastReconciliation(T0.minusSeconds(60));

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.trades.all()).hasSize(1);
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("20");
        assertThat(rig.order(order).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(report.discrepancies()).isEmpty();
    }

    @Test
    void a_fill_of_an_order_we_never_placed_is_alerted_and_its_position_corrected() {
        rig.state.saveLastReconciliation(T0.minusSeconds(60));
        broker.foreign("manual-1", "NVDA", Side.BUY, "5");
        broker.fill("manual-1", "tm1", "5", "100", T0.plusSeconds(10));

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.alerts.titles()).containsExactly("Broker fills of orders that are not ours",
                "Positions differed from the broker", "Resolved: Broker fills of orders that are not ours");
        assertThat(report.orders().fills().unmatched()).isEqualTo(1);
        assertThat(rig.trades.all()).isEmpty();
        assertThat(rig.ourQuantity("NVDA")).isEqualByComparingTo("5");
    }

    /**
     * The broker tells recovery a pending order of ours works with nothing filled; before recovery records that, a
     * fill of it is pushed to the core and booked. The decision (pending to submitted) is stale: the order is asked
     * about again, never escalated for the illegal move back from partially filled, and the pushed fill, booked while
     * recovery ran, is counted as applied.
     */
    @Test
    void a_fill_pushed_between_the_brokers_answer_and_the_change_is_not_escalated_and_counts_as_applied() {
        Order pending = rig.recorded(anOrder().withId("o40").withSymbol("AMD").withQuantity("100").pending());
        broker.accepted(pending, "brk-o40");
        broker.afterNextClientOrderIdLookup(() -> {
            var fill = broker.fill("brk-o40", "t40", "40", "20", T0.plusSeconds(20));
            assertThat(rig.applyFill.apply(fill.toTrade(pending.orderId())))
                    .isInstanceOf(dev.tradingcore.application.port.in.FillOutcome.Applied.class);
        });

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.alerts.titles()).doesNotContain("Order recovery needs a person");
        assertThat(rig.auditLines("order_recovery_escalated")).isZero();
        assertThat(report.orders().escalated()).isZero();
        assertThat(report.orders().leftForRetry()).as("%s", report.summary()).isZero();
        assertThat(report.orders().fills().applied()).as("booked by this process during recovery").isEqualTo(1);
        assertThat(report.orders().fills().alreadyRecorded()).isZero();
        assertThat(rig.order(pending).status()).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(rig.trades.all()).hasSize(1);
        assertThat(rig.ourQuantity("AMD")).isEqualByComparingTo("40");
    }

    @Test
    void a_broker_snapshot_that_cannot_be_reconciled_is_escalated_with_an_audit_line_first() {
        broker.holds("AAPL", "10", "190");
        broker.listsPositionTwice("AAPL");

        RecoveryReport report = rig.recovery.recover();

        assertThat(report.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(rig.alerts.titles()).containsOnlyOnce("Reconciliation impossible");
        assertThat(rig.auditLines("reconciliation_impossible")).isEqualTo(1);
    }

    @Test
    void fills_the_broker_publishes_while_recovery_runs_are_booked_and_nothing_is_escalated() {
        Order working = rig.recorded(anOrder().withId("o30").withSymbol("AMD").withQuantity("100").submitted());
        broker.accepted(working, "brk-o30");
        broker.fillPublishedLater("brk-o30", "t30a", "60", "10", T0.plusSeconds(10));
        broker.fillPublishedLater("brk-o30", "t30b", "40", "11", T0.plusSeconds(11));
        // The order view says filled 100 from the start; the feed shows the executions one read later each.
        broker.afterNextFillsRead(() -> {
            broker.publish("t30a");
            broker.afterNextFillsRead(() -> broker.publish("t30b"));
        });

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.alerts.titles()).doesNotContain("Order recovery needs a person");
        assertThat(rig.auditLines("order_recovery_escalated")).isZero();
        assertThat(report.orders().escalated()).isZero();
        assertThat(report.orders().fills().applied()).as("what this process booked").isEqualTo(2);
        assertThat(rig.order(working).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(rig.trades.all()).hasSize(2);
        assertThat(rig.ourQuantity("AMD")).isEqualByComparingTo("100");
        assertThat(report.discrepancies()).isEmpty();
    }

    @Test
    void fills_the_broker_has_not_published_by_the_end_of_recovery_are_left_to_the_sync_not_escalated() {
        Order working = rig.recorded(anOrder().withId("o31").withSymbol("AMD").withQuantity("100").submitted());
        broker.accepted(working, "brk-o31");
        broker.fillPublishedLater("brk-o31", "t31", "100", "10", T0.plusSeconds(10));

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.alerts.titles()).doesNotContain("Order recovery needs a person");
        assertThat(rig.auditLines("order_recovery_escalated")).isZero();
        assertThat(rig.order(working).status()).as("open until its fills are booked").isEqualTo(OrderStatus.SUBMITTED);
        assertThat(rig.ourQuantity("AMD")).as("not taken from the broker's position, which holds the fill")
                .isEqualByComparingTo("0");
        assertThat(rig.auditLines("position_corrected")).isZero();
        assertThat(broker.callsOf("fillsSince")).as("read again before giving the order to the sync")
                .isGreaterThanOrEqualTo(rig.settings.fillReads());
    }

    @Test
    void a_start_against_233_fills_of_orders_not_ours_raises_one_alert_with_a_count_and_examples() {
        rig.state.saveLastReconciliation(T0.minusSeconds(60));
        for (int i = 0; i < 233; i++) {
            broker.foreign("manual-" + i, "NVDA", Side.BUY, "1");
            broker.fill("manual-" + i, "tm-" + i, "1", "100", T0.plusSeconds(10 + i));
        }

        rig.recovery.recover();

        assertThat(rig.alerts.titles().filter(t -> t.contains("not ours")))
                .containsExactly("Broker fills of orders that are not ours",
                        "Resolved: Broker fills of orders that are not ours");
        dev.tradingcore.domain.port.Alert raised = rig.alerts.alerts().get(0);
        assertThat(raised.message()).contains("233 fill(s) of 233").contains("manual-0");
        assertThat(raised.context().get("fills")).contains("233");
        assertThat(raised.context().get("broker_order_ids").get().split(",")).hasSizeLessThan(20);
        assertThat(rig.ourQuantity("NVDA")).isEqualByComparingTo("233");
    }

    @Test
    void an_execution_landing_while_positions_are_compared_is_recorded_once_and_not_corrected() {
        Order working = rig.recorded(anOrder().withId("o12").withQuantity("100").submitted());
        broker.accepted(working, "brk-o12");
        // Order recovery finds it working and unfilled; then it fills just after the broker's position snapshot.
        broker.afterNextPositionsSnapshot(() -> broker.fill("brk-o12", "t12", "100", "10", RecoveryRig.NOW));

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.trades.all()).hasSize(1);
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("100");
        assertThat(report.discrepancies()).isEmpty();
        assertThat(rig.auditLines("position_corrected")).isZero();
        assertThat(broker.callsOf("positions")).isEqualTo(2);
    }

    @Test
    void a_broker_that_cannot_list_positions_leaves_positions_alone() {
        rig.weHold("TSLA", "10", "200");
        broker.failAlways("positions", FakeBroker.TIMEOUT);

        RecoveryReport report = rig.recovery.recover();

        assertThat(report.positions()).isInstanceOfSatisfying(ReconciliationResult.NotRun.class,
                notRun -> assertThat(notRun.cause()).isEqualTo(ReconciliationResult.Cause.BROKER));
        assertThat(rig.ourQuantity("TSLA")).isEqualByComparingTo("10");
        assertThat(report.outcome().exitCode()).isEqualTo(4);
        assertThat(rig.state.lastReconciliation()).isEmpty();
    }

    @Test
    void a_database_that_fails_while_fills_are_recorded_stops_recovery_before_positions_are_compared() {
        Order order = rig.recorded(anOrder().withId("o13").withQuantity("100").submitted());
        broker.accepted(order, "brk-o13");
        broker.fill("brk-o13", "t13", "100", "10", T0.plusSeconds(30));
        rig.fillJournal.setUnavailable(true);

        RecoveryReport report = rig.recovery.recover();

        assertThat(rig.trades.all()).isEmpty();
        assertThat(rig.ourQuantity("AAPL")).isZero();
        assertThat(report.orders().fills().unsettled()).isEqualTo(1);
        assertThat(report.outcome()).isEqualTo(Outcome.INCOMPLETE);

        rig.fillJournal.setUnavailable(false);
        assertThat(rig.recovery.recover().outcome()).isEqualTo(Outcome.CORRECTED);
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("100");
    }

    @Test
    void the_sync_starts_just_before_the_newest_fill_recovery_saw() {
        Order order = rig.recorded(anOrder().withId("o14").withQuantity("100").submitted());
        broker.accepted(order, "brk-o14");
        broker.fill("brk-o14", "t14", "100", "10", T0.plusSeconds(30));

        RecoveryReport report = rig.recovery.recover();

        assertThat(report.syncFrom()).isEqualTo(T0.plusSeconds(30).minus(Duration.ofSeconds(5)));
    }
}
