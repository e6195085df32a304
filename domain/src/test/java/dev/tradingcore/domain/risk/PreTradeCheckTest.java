package dev.tradingcore.domain.risk;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Fill;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreTradeCheckTest {

    private static final Instant AT = Instant.parse("2025-10-21T15:00:00Z");
    private static final RiskLimits LIMITS = new RiskLimits(Money.of("10000.00"), Money.of("5000.00"));
    private static final Money FLAT_DAY = Money.ZERO;

    private static Option<Position> holding(String quantity) {
        return Option.some(Position.flat(Symbol.of("AAPL"), AT).apply(Fill.of(Side.BUY, quantity, "100"), AT));
    }

    private static Either<RiskBreach, Order> check(Order order, Option<Position> position, List<Order> open,
            String price, Money pnlToday) {
        return PreTradeCheck.check(LIMITS, order, position, open, Price.of(price), pnlToday);
    }

    @Test
    void an_order_within_the_position_limit_passes() {
        assertThat(check(anOrder().withQuantity("50").pending(), Option.none(), List.empty(), "150", FLAT_DAY)
                .isRight()).isTrue();
    }

    @Test
    void an_order_above_the_position_limit_is_refused_without_halting() {
        RiskBreach breach = check(anOrder().withQuantity("100").pending(), Option.none(), List.empty(), "150",
                FLAT_DAY).getLeft();

        assertThat(breach).isEqualTo(new RiskBreach.PositionLimitExceeded(Symbol.of("AAPL"), Money.of("15000.00"),
                Money.of("10000.00")));
        assertThat(breach.haltsTrading()).isFalse();
        assertThat(breach.toRejection().code()).isEqualTo("position_limit");
    }

    @Test
    void open_orders_on_the_same_side_count_towards_the_limit() {
        List<Order> open = List.of(anOrder().withId("other").withQuantity("30").submitted());

        // (60 held + 30 working + 10) x 100 = 10000: at the limit is allowed
        assertThat(check(anOrder().withQuantity("10").pending(), holding("60"), open, "100", FLAT_DAY).isRight())
                .isTrue();
        // (60 + 30 + 11) x 100 = 10100
        assertThat(check(anOrder().withQuantity("11").pending(), holding("60"), open, "100", FLAT_DAY).isLeft())
                .isTrue();
    }

    @Test
    void reaching_the_daily_loss_limit_halts_trading() {
        RiskBreach breach = check(anOrder().withQuantity("1").pending(), Option.none(), List.empty(), "100",
                Money.of("-5000.00")).getLeft();

        assertThat(breach).isInstanceOf(RiskBreach.DailyLossLimitReached.class);
        assertThat(breach.haltsTrading()).isTrue();
        assertThat(check(anOrder().withQuantity("1").pending(), Option.none(), List.empty(), "100",
                Money.of("-4999.99")).isRight()).isTrue();
    }

    @Test
    void an_order_that_reduces_a_position_always_passes() {
        Order sell = anOrder().selling().withQuantity("50").pending();

        // holding 200 x 100 = 20000, above the limit, and the day is lost: cutting risk is still allowed
        assertThat(check(sell, holding("200"), List.empty(), "100", Money.of("-9000.00")).isRight()).isTrue();
    }
}
