package dev.tradingcore.adapters.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Trade;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What a trader checks after any stream of fills, however it was delivered: every position is exactly what its fills
 * make it (quantity, and realized + unrealized = cash-flow P&amp;L at any mark), the cache holds what the database
 * holds, and every order's filled quantity is the sum of its fills.
 */
public final class LedgerAssertions {

    private LedgerAssertions() {}

    /**
     * @param fills every fill that was recorded, each once
     * @param symbols the symbols the fills are in
     */
    public static void assertLedgerMatches(PostgresPersistence persistence, PositionCache cache, Collection<Trade> fills,
            Collection<String> symbols) {
        Price mark = Price.of("100");
        for (String name : symbols) {
            Symbol symbol = Symbol.of(name);
            BigDecimal signedQuantity = BigDecimal.ZERO;
            BigDecimal cashFlow = BigDecimal.ZERO;
            for (Trade trade : fills) {
                if (trade.symbol().equals(symbol)) {
                    BigDecimal signed = trade.quantity().value().multiply(BigDecimal.valueOf(trade.side().sign()));
                    signedQuantity = signedQuantity.add(signed);
                    cashFlow = cashFlow.subtract(signed.multiply(trade.price().value())).subtract(trade.commission());
                }
            }
            Position stored = persistence.positions().findBySymbol(symbol).get();
            assertThat(stored.quantity()).as(name + " quantity = signed sum of its fills")
                    .isEqualByComparingTo(signedQuantity);
            assertThat(stored.totalPnlAt(mark)).as(name + " realized + unrealized = cash-flow P&L, exactly")
                    .isEqualByComparingTo(cashFlow.add(signedQuantity.multiply(mark.value())));
            assertThat(cache.get(symbol).get()).as(name + " cache holds the committed position").isEqualTo(stored);
        }
        Map<String, BigDecimal> filledByOrder = new HashMap<>();
        fills.forEach(t -> filledByOrder.merge(t.orderId().value(), t.quantity().value(), BigDecimal::add));
        for (Map.Entry<String, BigDecimal> e : filledByOrder.entrySet()) {
            Order order = persistence.orders().findById(OrderId.of(e.getKey())).get();
            assertThat(order.filledQuantity().value()).as("order " + e.getKey() + " filled = sum of its fills")
                    .isEqualByComparingTo(e.getValue());
        }
    }
}
