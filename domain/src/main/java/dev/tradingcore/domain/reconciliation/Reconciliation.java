package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import io.vavr.Tuple;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Compares our positions with the broker's, in both directions, and says how to make ours equal to the broker's.
 *
 * <p>The broker is the source of truth. For every symbol either side holds: if we hold it and the broker does
 * not, our position is set flat; if the broker holds it and we do not, we take the broker's position; if both
 * hold different quantities, we take the broker's quantity and average entry price. A correction never invents
 * P&amp;L: our realized P&amp;L and commissions for the symbol are carried over unchanged, and the difference is
 * for a person to explain from the report (a missed fill, a corporate action, a manual trade).
 *
 * <p>Only quantities are compared. A differing average price alone is not a discrepancy: brokers compute it
 * their own way (e.g. after corporate actions), and our cost basis follows our fills.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /**
     * @throws IllegalArgumentException if either list names a symbol twice: such an input is broken, and
     *     reconciling it would silently pick one of the two
     */
    public static ReconciliationReport reconcile(List<Position> ours, List<BrokerPosition> broker, Instant at) {
        Map<Symbol, Position> ourBySymbol = unique(ours.map(p -> Tuple.of(p.symbol(), p)), "our positions");
        Map<Symbol, BrokerPosition> brokerBySymbol = unique(broker.map(p -> Tuple.of(p.symbol(), p)),
                "the broker's positions");

        TreeSet<Symbol> symbols = TreeSet.ofAll(ourBySymbol.keySet()).addAll(brokerBySymbol.keySet());
        List<Discrepancy> discrepancies = List.empty();
        List<Position> corrections = List.empty();
        for (Symbol symbol : symbols) {
            Option<Position> mine = ourBySymbol.get(symbol);
            Option<BrokerPosition> theirs = brokerBySymbol.get(symbol);
            BigDecimal ourQuantity = mine.map(Position::quantity).getOrElse(BigDecimal.ZERO);
            BigDecimal brokerQuantity = theirs.map(BrokerPosition::quantity).getOrElse(BigDecimal.ZERO);
            if (ourQuantity.compareTo(brokerQuantity) == 0) {
                continue;
            }
            if (brokerQuantity.signum() == 0) {
                discrepancies = discrepancies.append(new Discrepancy.MissingAtBroker(symbol, ourQuantity));
            } else if (ourQuantity.signum() == 0) {
                discrepancies = discrepancies.append(new Discrepancy.MissingLocally(symbol, brokerQuantity));
            } else {
                discrepancies = discrepancies.append(
                        new Discrepancy.QuantityMismatch(symbol, ourQuantity, brokerQuantity));
            }
            corrections = corrections.append(corrected(symbol, mine, brokerQuantity, theirs, at));
        }
        return new ReconciliationReport(at, discrepancies, corrections, symbols.size());
    }

    private static Position corrected(Symbol symbol, Option<Position> mine, BigDecimal brokerQuantity,
            Option<BrokerPosition> theirs, Instant at) {
        BigDecimal realized = mine.map(Position::realizedPnl).getOrElse(BigDecimal.ZERO);
        BigDecimal commission = mine.map(Position::totalCommission).getOrElse(BigDecimal.ZERO);
        if (brokerQuantity.signum() == 0) {
            return new Position(symbol, BigDecimal.ZERO, Option.none(), BigDecimal.ZERO, realized, commission,
                    mine.flatMap(Position::markPrice), at);
        }
        return Position.opened(symbol, brokerQuantity, theirs.get().averageEntryPrice().get(), realized, commission,
                mine.flatMap(Position::markPrice), at);
    }

    private static <T> Map<Symbol, T> unique(List<io.vavr.Tuple2<Symbol, T>> entries, String what) {
        Map<Symbol, List<io.vavr.Tuple2<Symbol, T>>> grouped = entries.groupBy(io.vavr.Tuple2::_1);
        Option<Symbol> twice = grouped.find(e -> e._2.size() > 1).map(e -> e._1);
        if (twice.isDefined()) {
            throw new IllegalArgumentException(what + " list " + twice.get() + " more than once");
        }
        return grouped.mapValues(list -> list.head()._2);
    }
}
