package dev.tradingcore.domain.position;

import dev.tradingcore.domain.common.Symbol;
import io.vavr.collection.List;
import io.vavr.control.Option;

/** Where positions are kept, one row per symbol, flat ones included. */
public interface PositionRepository {

    Option<Position> findBySymbol(Symbol symbol);

    /** The position of a symbol with its stored version. */
    Option<VersionedPosition> findVersioned(Symbol symbol);

    /** Every position, flat ones included, by symbol. */
    List<Position> findAll();

    /** Every position with its stored version, by symbol: what the write-through cache loads at start. */
    List<VersionedPosition> findAllVersioned();

    /** Inserts the position or replaces the one of the same symbol; returns it with its new version. */
    VersionedPosition save(Position position);

    /**
     * Saves all of them in one transaction: reconciliation corrections land together or not at all. Returns them
     * with their new versions, in the order given.
     */
    List<VersionedPosition> saveAll(List<Position> positions);

    /**
     * Brings the stored valuation of each position up to date with its mark: mark price, market value and unrealized
     * P&amp;L, and nothing else (quantity, cost and version untouched). A row whose version is no longer the one given
     * is left alone: a fill committed since, and the fill wrote its own mark. Returns how many rows were updated.
     */
    int saveMarks(List<VersionedPosition> marked);
}
