package dev.tradingcore.adapters.postgres.position;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionValuation;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code positions}, column for column. The rounded money columns are written from the domain's
 * valuation and never read back: the exact columns are the truth.
 */
public record PositionRow(
        String symbol,
        BigDecimal quantity,
        BigDecimal averagePrice,
        BigDecimal marketValue,
        BigDecimal unrealizedPnl,
        BigDecimal costBasis,
        BigDecimal costBasisExact,
        BigDecimal realizedPnl,
        BigDecimal realizedPnlExact,
        BigDecimal totalCommission,
        BigDecimal markPrice,
        Instant lastUpdated,
        long version) {

    public static PositionRow of(Position position) {
        PositionValuation valuation = position.valuation();
        return new PositionRow(position.symbol().value(), position.quantity(),
                position.averagePrice().map(Price::value).getOrNull(), valuation.marketValue().amount(),
                valuation.unrealizedPnl().amount(), valuation.costBasis().amount(), position.costBasis(),
                valuation.realizedPnl().amount(), position.realizedPnl(), position.totalCommission(),
                position.markPrice().map(Price::value).getOrNull(), position.lastUpdated(), 0L);
    }

    public VersionedPosition toVersioned() {
        return new VersionedPosition(toPosition(), version);
    }

    public Position toPosition() {
        return new Position(Symbol.of(symbol), quantity, Option.of(averagePrice).map(Price::of), costBasisExact,
                realizedPnlExact, totalCommission, Option.of(markPrice).map(Price::of), lastUpdated);
    }
}
