package dev.tradingcore.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fixtures.TradeBuilder;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OrderRepository} must do, run against each implementation (PostgreSQL, in-memory). Each test uses
 * its own order ids and symbols, so implementations may share one store across the tests of a class.
 */
public abstract class OrderRepositoryContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    /** The repository under test; the same instance for every call within a test. */
    protected abstract OrderRepository repository();

    /** A pending order for {@code quantity} of {@code symbol}, placed at {@code at}. */
    protected static Order placed(String id, String symbol, Side side, String quantity, OrderType type,
            Option<Price> limit, Option<Price> stop, Instant at) {
        return Order.place(OrderId.of(id), ClientOrderId.of("cli-" + id), Symbol.of(symbol), side,
                Quantity.of(quantity), type, TimeInForce.DAY, limit, stop, at).get().order();
    }

    protected static Order market(String id, String symbol, Instant at) {
        return placed(id, symbol, Side.BUY, "100", OrderType.MARKET, Option.none(), Option.none(), at);
    }

    protected static Order submitted(Order order, Instant at) {
        return order.submitted(BrokerOrderId.of("brk-" + order.orderId().value()), at).get().order();
    }

    protected static Order filled(Order order, String tradeId, String quantity, String price, Instant at) {
        return order.applyFill(TradeBuilder.aTradeFor(order).withId(tradeId).withQuantity(quantity).at(price)
                .executedAt(at).build(), at).get().order();
    }

    @Test
    void an_unknown_order_is_not_found_by_any_key() {
        assertThat(repository().findById(OrderId.of("no-such-order")).isEmpty()).isTrue();
        assertThat(repository().findByClientOrderId(ClientOrderId.of("no-such-client-id")).isEmpty()).isTrue();
        assertThat(repository().findByBrokerOrderId(BrokerOrderId.of("no-such-broker-id")).isEmpty()).isTrue();
    }

    @Test
    void a_pending_order_comes_back_exactly_as_saved() {
        Order order = market("o-pend-1", "ORDA", T);

        repository().save(order);

        assertThat(repository().findById(order.orderId()).get()).isEqualTo(order);
        assertThat(repository().findByClientOrderId(order.clientOrderId()).get()).isEqualTo(order);
    }

    @Test
    void every_field_of_a_working_stop_limit_order_survives() {
        Order order = submitted(placed("o-full-1", "ORDB", Side.SELL, "12.34567891", OrderType.STOP_LIMIT,
                Option.some(Price.of("101.12345678")), Option.some(Price.of("100.00000001")), T), T.plusSeconds(1));
        Order partly = filled(order, "t-full-1", "3.00000001", "101.99999999", T.plusSeconds(2));

        repository().save(partly);

        Order found = repository().findById(partly.orderId()).get();
        assertThat(found).isEqualTo(partly);
        assertThat(found.status()).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(found.filledNotional()).isEqualByComparingTo("306.0000009899999999");
        assertThat(found.brokerOrderId()).isEqualTo(Option.some(BrokerOrderId.of("brk-o-full-1")));
    }

    @Test
    void an_order_is_found_by_the_brokers_id_once_the_broker_acknowledged_it() {
        Order pending = market("o-brk-1", "ORDC", T);
        repository().save(pending);
        assertThat(repository().findByBrokerOrderId(BrokerOrderId.of("brk-o-brk-1")).isEmpty()).isTrue();

        Order working = submitted(pending, T.plusSeconds(1));
        repository().save(working);

        assertThat(repository().findByBrokerOrderId(BrokerOrderId.of("brk-o-brk-1")).get()).isEqualTo(working);
    }

    @Test
    void saving_again_replaces_the_stored_order() {
        Order pending = market("o-repl-1", "ORDD", T);
        repository().save(pending);
        Order done = filled(submitted(pending, T.plusSeconds(1)), "t-repl-1", "100", "9.5", T.plusSeconds(3));

        repository().save(done);

        assertThat(repository().findById(pending.orderId()).get()).isEqualTo(done);
        assertThat(done.filledAt()).isEqualTo(Option.some(T.plusSeconds(3)));
        assertThat(repository().findByStatuses(HashSet.of(OrderStatus.values()))
                .filter(o -> o.orderId().equals(pending.orderId()))).hasSize(1);
    }

    @Test
    void terminal_orders_keep_their_reason_and_times() {
        Order rejected = market("o-rej-1", "ORDE", T).rejected("insufficient buying power", T.plusSeconds(1)).get()
                .order();
        Order cancelled = submitted(market("o-can-1", "ORDE", T), T.plusSeconds(1)).cancelled(T.plusSeconds(2))
                .get().order();

        repository().save(rejected);
        repository().save(cancelled);

        assertThat(repository().findById(rejected.orderId()).get()).isEqualTo(rejected);
        assertThat(repository().findById(rejected.orderId()).get().errorMessage())
                .isEqualTo(Option.some("insufficient buying power"));
        assertThat(repository().findById(cancelled.orderId()).get()).isEqualTo(cancelled);
        assertThat(repository().findById(cancelled.orderId()).get().cancelledAt())
                .isEqualTo(Option.some(T.plusSeconds(2)));
    }

    @Test
    void open_orders_of_a_symbol_are_the_working_ones_oldest_first() {
        Order newest = market("o-open-3", "OPEN1", T.plusSeconds(30));
        Order oldest = market("o-open-1", "OPEN1", T.plusSeconds(10));
        Order middle = submitted(market("o-open-2", "OPEN1", T.plusSeconds(20)), T.plusSeconds(21));
        Order unknown = market("o-open-4", "OPEN1", T.plusSeconds(40)).becameUnknown("suspended", T.plusSeconds(41))
                .get().order();
        Order partly = filled(submitted(market("o-open-5", "OPEN1", T.plusSeconds(50)), T.plusSeconds(51)),
                "t-open-5", "1", "10", T.plusSeconds(52));
        Order done = filled(market("o-open-6", "OPEN1", T), "t-open-6", "100", "10", T.plusSeconds(1));
        Order cancelled = market("o-open-7", "OPEN1", T).cancelled(T.plusSeconds(1)).get().order();
        Order otherSymbol = market("o-open-8", "OPEN2", T);
        List.of(newest, oldest, middle, unknown, partly, done, cancelled, otherSymbol).forEach(repository()::save);

        assertThat(repository().findOpenBySymbol(Symbol.of("OPEN1")))
                .containsExactly(oldest, middle, newest, unknown, partly);
        assertThat(repository().findOpenBySymbol(Symbol.of("OPEN3"))).isEmpty();
    }

    @Test
    void orders_placed_at_the_same_instant_are_listed_by_order_id() {
        Order b = market("o-same-b", "SAME1", T);
        Order a = market("o-same-a", "SAME1", T);
        repository().save(b);
        repository().save(a);

        assertThat(repository().findOpenBySymbol(Symbol.of("SAME1"))).containsExactly(a, b);
    }

    @Test
    void orders_by_status_are_those_in_any_of_the_statuses_oldest_first() {
        Order pending = market("o-stat-1", "STAT1", T.plusSeconds(3));
        Order working = submitted(market("o-stat-2", "STAT1", T.plusSeconds(2)), T.plusSeconds(4));
        Order expired = working.expired(T.plusSeconds(5)).get().order();
        Order rejected = market("o-stat-3", "STAT2", T.plusSeconds(1)).rejected("no", T.plusSeconds(6)).get().order();
        List.of(pending, expired, rejected).forEach(repository()::save);

        List<Order> found = repository().findByStatuses(HashSet.of(OrderStatus.PENDING, OrderStatus.REJECTED,
                OrderStatus.EXPIRED)).filter(o -> o.orderId().value().startsWith("o-stat-"));

        assertThat(found).containsExactly(rejected, expired, pending);
        assertThat(repository().findByStatuses(HashSet.of(OrderStatus.REJECTED))
                .filter(o -> o.orderId().value().startsWith("o-stat-"))).containsExactly(rejected);
        assertThat(repository().findByStatuses(HashSet.empty())).isEmpty();
    }

    @Test
    void another_order_with_a_client_order_id_already_taken_is_refused_and_changes_nothing() {
        Order first = market("o-dupc-1", "DUPC1", T);
        repository().save(first);
        Order second = Order.place(OrderId.of("o-dupc-2"), first.clientOrderId(), Symbol.of("DUPC1"), Side.SELL,
                Quantity.of("1"), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(), T).get().order();

        assertThatThrownBy(() -> repository().save(second)).isInstanceOf(RuntimeException.class);

        assertThat(repository().findById(second.orderId()).isEmpty()).isTrue();
        assertThat(repository().findByClientOrderId(first.clientOrderId()).get()).isEqualTo(first);
    }

    @Test
    void another_order_with_a_broker_order_id_already_taken_is_refused_and_changes_nothing() {
        Order first = submitted(market("o-dupb-1", "DUPB1", T), T.plusSeconds(1));
        repository().save(first);
        Order pending = market("o-dupb-2", "DUPB1", T);
        repository().save(pending);
        Order clash = pending.submitted(first.brokerOrderId().get(), T.plusSeconds(2)).get().order();

        assertThatThrownBy(() -> repository().save(clash)).isInstanceOf(RuntimeException.class);

        assertThat(repository().findById(pending.orderId()).get()).isEqualTo(pending);
        assertThat(repository().findByBrokerOrderId(first.brokerOrderId().get()).get()).isEqualTo(first);
    }
}
