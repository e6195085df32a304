package dev.tradingcore.application.sync;

import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.OrderRecoveryResult;
import dev.tradingcore.application.support.FakeBroker;
import dev.tradingcore.application.support.RecoveryRig;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fixtures.TradeBuilder;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import org.junit.jupiter.api.Test;

/**
 * Average price and realized P&amp;L depend on the order in which fills apply. The broker's order is execution time
 * (same instant: trade id), whatever order the fills reach us in: grouped by order in one read, through the stream
 * before the poll, or published late.
 *
 * <p>The scenario of every test: order 1 buys 50 @ 10 (t1) and 50 @ 14 (t3); order 2 sells 50 @ 12 (t2). In time
 * order realized P&amp;L is +100 and the position is 50 @ 14. Grouped by order it would be realized 0, 50 @ 12.
 */
class ExecutionOrderTest {

    private final RecoveryRig rig = new RecoveryRig();
    private final FakeBroker broker = rig.broker;

    private Order buy;
    private Order sell;

    private void tradeTheScenarioAtTheBroker() {
        buy = rig.recorded(anOrder().withId("buy-1").withQuantity("100").submitted());
        sell = rig.recorded(anOrder().withId("sell-2").selling().withQuantity("50").submitted());
        broker.accepted(buy, "brk-buy-1");
        broker.accepted(sell, "brk-sell-2");
        broker.fill("brk-buy-1", "t1", "50", "10", T0.plusSeconds(1));
        broker.fill("brk-sell-2", "t2", "50", "12", T0.plusSeconds(2));
        broker.fill("brk-buy-1", "t3", "50", "14", T0.plusSeconds(3));
    }

    private Position aapl() {
        return rig.positions.findBySymbol(Symbol.of("AAPL")).get();
    }

    private void assertBookedInExecutionOrder() {
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("50");
        assertThat(aapl().averagePrice()).contains(Price.of("14"));
        assertThat(aapl().realizedPnl()).isEqualByComparingTo("100");
    }

    @Test
    void fills_of_two_orders_read_in_one_round_are_booked_in_execution_order_not_grouped_by_order() {
        tradeTheScenarioAtTheBroker();

        rig.sync(T0).syncOnce();

        assertBookedInExecutionOrder();
    }

    @Test
    void fills_missed_while_the_core_was_down_are_booked_in_execution_order_by_start_up_recovery() {
        tradeTheScenarioAtTheBroker();

        OrderRecoveryResult result = rig.recoveringOrders.recover();

        assertThat(result.fills().applied()).isEqualTo(3);
        assertBookedInExecutionOrder();
    }

    @Test
    void a_fill_that_arrives_after_a_later_one_of_its_symbol_is_booked_as_if_it_had_come_first() {
        tradeTheScenarioAtTheBroker();
        // The stream delivers t1 and t3; t2 comes later, from the poll.
        rig.applyFill.apply(TradeBuilder.aTradeFor(buy).withId("t1").withQuantity("50").at("10")
                .executedAt(T0.plusSeconds(1)).build());
        rig.applyFill.apply(TradeBuilder.aTradeFor(buy).withId("t3").withQuantity("50").at("14")
                .executedAt(T0.plusSeconds(3)).build());

        rig.sync(T0).syncOnce();

        assertBookedInExecutionOrder();
    }

    /** A round's fills go to the journal in one call, so that a combining journal books them in one transaction. */
    @Test
    void the_fills_of_one_round_are_booked_in_one_call_in_execution_order() {
        tradeTheScenarioAtTheBroker();
        java.util.List<java.util.List<String>> calls = new java.util.ArrayList<>();
        dev.tradingcore.application.port.in.ApplyFill counting = new dev.tradingcore.application.port.in.ApplyFill() {
            @Override
            public dev.tradingcore.application.port.in.FillOutcome apply(dev.tradingcore.domain.trade.Trade trade) {
                calls.add(java.util.List.of(trade.tradeId().value()));
                return rig.applyFill.apply(trade);
            }

            @Override
            public java.util.List<io.vavr.control.Try<dev.tradingcore.application.port.in.FillOutcome>> applyAll(
                    java.util.List<dev.tradingcore.domain.trade.Trade> trades) {
                calls.add(trades.stream().map(t -> t.tradeId().value()).toList());
                return rig.applyFill.applyAll(trades);
            }
        };
        FillSweep sweep = new FillSweep(rig.orders, rig.trades, rig.orderJournal, broker, counting, rig.incidents,
                rig.clock);

        FillSweep.Swept swept = sweep.apply(broker.fillsSince(T0).get());

        assertThat(calls).containsExactly(java.util.List.of("t1", "t2", "t3"));
        assertThat(swept.counts().applied()).isEqualTo(3);
        assertBookedInExecutionOrder();
    }
}
