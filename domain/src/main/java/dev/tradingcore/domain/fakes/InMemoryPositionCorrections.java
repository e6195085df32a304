package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.position.VersionedPosition;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link PositionCorrections} over an {@link InMemoryPositionRepository} and an {@link InMemoryAuditLog}, with the
 * database's semantics: every row checked against its expected version first, then all positions and audit lines
 * written, or nothing. Atomic with respect to other corrections only (the fakes' fill journal does not take the same
 * lock): enough for single-threaded use-case tests.
 */
public final class InMemoryPositionCorrections implements PositionCorrections {

    private final InMemoryPositionRepository positions;
    private final InMemoryAuditLog audit;
    private final AtomicBoolean unavailable = new AtomicBoolean();

    public InMemoryPositionCorrections(InMemoryPositionRepository positions, InMemoryAuditLog audit) {
        this.positions = positions;
        this.audit = audit;
    }

    /** While set, every call fails as if the database were unreachable. */
    public void setUnavailable(boolean value) {
        unavailable.set(value);
    }

    @Override
    public Either<Rejection, List<VersionedPosition>> apply(List<Correction> corrections, List<AuditEvent> events) {
        synchronized (positions) {
            if (unavailable.get()) {
                throw new StoreUnavailableException("database unavailable (test)");
            }
            for (Correction correction : corrections) {
                long stored = positions.findVersioned(correction.position().symbol())
                        .map(VersionedPosition::version).getOrElse(0L);
                if (stored != correction.expectedVersion()) {
                    return Either.left(Rejection.of(STALE, "position " + correction.position().symbol()
                            + " is at version " + stored + ", the correction was computed from version "
                            + correction.expectedVersion()));
                }
            }
            List<VersionedPosition> saved = positions.saveAll(corrections.map(Correction::position));
            // Replays of fills that arrive out of order start from the corrected position from now on.
            corrections.forEach(c -> positions.saveLedger(c.position().symbol(), positions.ledger(
                    c.position().symbol(), c.position().lastUpdated()).rebased(c.position())));
            audit.appendAll(events);
            return Either.right(saved);
        }
    }
}
