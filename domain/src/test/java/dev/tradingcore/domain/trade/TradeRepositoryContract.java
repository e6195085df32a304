package dev.tradingcore.domain.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TradeRepository} must do, run against each implementation (PostgreSQL, in-memory). The port only
 * reads; trades are stored through {@link #record}, the implementation's writer (the one the fill journal uses).
 * Each test uses its own ids and symbols, so implementations may share one store across the tests of a class.
 */
public abstract class TradeRepositoryContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    /** The repository under test; the same instance for every call within a test. */
    protected abstract TradeRepository repository();

    /** Where the orders of the trades are kept (a trade's order must exist first). */
    protected abstract OrderRepository orders();

    /**
     * Stores the trade as the fill journal would: true when stored, false when skipped as a replay of a recorded trade
     * with the same economic content; a replay with other content throws and stores nothing.
     */
    protected abstract boolean record(Trade trade);

    private Order order(String id, String symbol) {
        Order order = Order.place(OrderId.of(id), ClientOrderId.of("cli-" + id), Symbol.of(symbol), Side.BUY,
                Quantity.of("1000"), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(), T).get().order();
        orders().save(order);
        return order;
    }

    private static Trade trade(String id, Order order, String quantity, String price, Instant at) {
        return new Trade(TradeId.of(id), order.orderId(), order.symbol(), order.side(), Quantity.of(quantity),
                Price.of(price), at, new BigDecimal("0.00000001"), Option.some(Liquidity.MAKER));
    }

    @Test
    void an_unknown_trade_is_not_found() {
        assertThat(repository().findById(TradeId.of("no-such-trade")).isEmpty()).isTrue();
        assertThat(repository().findByOrderId(OrderId.of("no-such-order"))).isEmpty();
    }

    @Test
    void a_recorded_trade_comes_back_exactly() {
        Order order = order("tr-o-1", "TRA1");
        Trade trade = new Trade(TradeId.of("tr-t-1"), order.orderId(), order.symbol(), Side.BUY,
                Quantity.of("12.34567891"), Price.of("98765.43210987"), T.plusSeconds(1),
                new BigDecimal("1.23456789"), Option.none());

        assertThat(record(trade)).isTrue();

        assertThat(repository().findById(trade.tradeId()).get()).isEqualTo(trade);
    }

    @Test
    void the_trades_of_an_order_come_in_execution_order() {
        Order order = order("tr-o-2", "TRA2");
        Order other = order("tr-o-3", "TRA2");
        Trade second = trade("tr-t-2b", order, "2", "10.5", T.plusSeconds(20));
        Trade first = trade("tr-t-2a", order, "1", "10.25", T.plusSeconds(10));
        Trade third = trade("tr-t-2c", order, "3", "10.75", T.plusSeconds(30));
        record(second);
        record(third);
        record(first);
        record(trade("tr-t-3a", other, "5", "11", T.plusSeconds(15)));

        assertThat(repository().findByOrderId(order.orderId())).containsExactly(first, second, third);
    }

    @Test
    void the_trades_of_a_symbol_in_a_half_open_interval_in_execution_order() {
        Order order = order("tr-o-4", "TRA4");
        Order elsewhere = order("tr-o-5", "TRA5");
        Trade before = trade("tr-t-4a", order, "1", "10", T.minusNanos(1000));
        Trade atStart = trade("tr-t-4b", order, "1", "10", T);
        Trade inside = trade("tr-t-4c", order, "1", "10", T.plusSeconds(59));
        Trade atEnd = trade("tr-t-4d", order, "1", "10", T.plusSeconds(60));
        record(inside);
        record(atEnd);
        record(atStart);
        record(before);
        record(trade("tr-t-5a", elsewhere, "1", "10", T.plusSeconds(30)));

        assertThat(repository().findBySymbol(Symbol.of("TRA4"), T, T.plusSeconds(60))).containsExactly(atStart, inside);
        assertThat(repository().findBySymbol(Symbol.of("TRA4"), T.plusSeconds(60), T)).isEmpty();
    }

    @Test
    void a_replay_of_a_recorded_trade_is_skipped_and_the_first_recording_stands() {
        Order order = order("tr-o-6", "TRA6");
        Trade original = trade("tr-t-6", order, "4", "20", T.plusSeconds(1));
        assertThat(record(original)).isTrue();
        Trade resent = new Trade(original.tradeId(), original.orderId(), original.symbol(), original.side(),
                original.quantity(), original.price(), T.plusSeconds(99), new BigDecimal("5"), Option.none());

        assertThat(record(resent)).isFalse();

        assertThat(repository().findById(original.tradeId()).get()).isEqualTo(original);
        assertThat(repository().findByOrderId(order.orderId())).containsExactly(original);
    }

    @Test
    void a_replay_with_other_economic_content_is_refused_and_stores_nothing() {
        Order order = order("tr-o-7", "TRA7");
        Trade original = trade("tr-t-7", order, "4", "20", T.plusSeconds(1));
        record(original);
        Trade conflicting = trade("tr-t-7", order, "5", "20", T.plusSeconds(1));

        assertThatThrownBy(() -> record(conflicting)).isInstanceOf(RuntimeException.class);

        assertThat(repository().findByOrderId(order.orderId())).containsExactly(original);
    }
}
