package dev.tradingcore.domain.fill;

import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.position.Position;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * The standard {@link FillJournal.Booking}: the fill moves the position and the order by the domain's rules and is
 * described by one audit line, {@code fill_applied} ({@code late_fill_applied} for a fill that raced a cancel and
 * won, at warning severity so that it is seen).
 */
public final class FillBookkeeping {

    /** The audit component of fills. */
    public static final String COMPONENT = "execution";

    private FillBookkeeping() {}

    /** A booking that stamps the position, order and audit line with {@code at}, when we learnt of the fill. */
    public static FillJournal.Booking at(Instant at) {
        return (trade, current, order) -> book(trade, current, order, at);
    }

    static Either<Rejection, FillJournal.Entry> book(Trade trade, Position current, Order order, Instant at) {
        return order.applyFill(trade, at).flatMap(applied -> current.apply(trade, at)
                .map(position -> new FillJournal.Entry(trade, position, applied.order(), audit(applied, position, at))));
    }

    private static AuditEvent audit(OrderEvent.FillApplied applied, Position position, Instant at) {
        Trade trade = applied.trade();
        Order order = applied.order();
        return AuditEvent.of(at, COMPONENT, applied.late() ? "late_fill_applied" : "fill_applied",
                applied.late() ? AuditSeverity.WARNING : AuditSeverity.INFO,
                AuditEvent.details(
                        "order_id", order.orderId().value(),
                        "trade_id", trade.tradeId().value(),
                        "symbol", trade.symbol().value(),
                        "side", trade.side().code(),
                        "quantity", trade.quantity().toString(),
                        "price", trade.price().toString(),
                        "commission", trade.commission().stripTrailingZeros().toPlainString(),
                        "executed_at", trade.timestamp().toString(),
                        "order_status_before", applied.previousStatus().code(),
                        "order_status", order.status().code(),
                        "order_filled_quantity", order.filledQuantity().toString(),
                        "order_filled_avg_price", order.filledAvgPrice().map(Price::toString).getOrElse(""),
                        "position_quantity", position.quantity().stripTrailingZeros().toPlainString(),
                        "position_average_price", position.averagePrice().map(Price::toString).getOrElse(""),
                        "position_realized_pnl", position.realizedPnl().stripTrailingZeros().toPlainString()));
    }
}
