package dev.tradingcore.domain.fill;

import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
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
        return new FillJournal.Booking() {
            @Override
            public Either<Rejection, FillJournal.Entry> book(Trade trade, Position current, Order order) {
                return FillBookkeeping.book(trade, current, order, at);
            }

            @Override
            public Either<Rejection, FillJournal.Entry> rebook(Trade trade, Position basis, List<Trade> earlier,
                    List<Trade> later, Order order) {
                return FillBookkeeping.rebook(trade, basis, earlier, later, order, at);
            }
        };
    }

    /**
     * The position after the basis with {@code earlier}, the trade and {@code later} applied, and the order as any
     * booking moves it; the audit line shows the position as it now stands and says the fill was booked out of
     * arrival order.
     */
    static Either<Rejection, FillJournal.Entry> rebook(Trade trade, Position basis, List<Trade> earlier,
            List<Trade> later, Order order, Instant at) {
        return replay(basis, earlier, at).flatMap(before -> order.applyFill(trade, at).flatMap(applied -> before
                .apply(trade, at).flatMap(with -> replay(with, later, at)).map(position -> new FillJournal.Entry(
                        trade, position, applied.order(), audit(applied, position, at, "resequenced", Integer
                                .toString(later.size()))))));
    }

    /** {@code start} with {@code trades} applied in the order given. */
    static Either<Rejection, Position> replay(Position start, List<Trade> trades, Instant at) {
        Either<Rejection, Position> position = Either.right(start);
        for (Trade trade : trades) {
            position = position.flatMap(p -> p.apply(trade, at));
        }
        return position;
    }

    static Either<Rejection, FillJournal.Entry> book(Trade trade, Position current, Order order, Instant at) {
        return order.applyFill(trade, at).flatMap(applied -> current.apply(trade, at)
                .map(position -> new FillJournal.Entry(trade, position, applied.order(), audit(applied, position, at))));
    }

    /**
     * @param extra more detail names and values; a resequenced fill names how many later fills were applied after
     *     it ({@code resequenced})
     */
    private static AuditEvent audit(OrderEvent.FillApplied applied, Position position, Instant at, String... extra) {
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
                        "position_realized_pnl", position.realizedPnl().stripTrailingZeros().toPlainString())
                        .merge(AuditEvent.details(extra)));
    }
}
