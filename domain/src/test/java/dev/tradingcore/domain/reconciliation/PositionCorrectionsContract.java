package dev.tradingcore.domain.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.VersionedPosition;
import dev.tradingcore.domain.reconciliation.PositionCorrections.Correction;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PositionCorrections} must do, run against each implementation (PostgreSQL, in-memory). Each test
 * uses its own symbols, so implementations may share one store across the tests of a class.
 */
public abstract class PositionCorrectionsContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    protected abstract PositionCorrections corrections();

    /** The positions the corrections write to. */
    protected abstract PositionRepository positions();

    /** How many audit lines with this action name this symbol. */
    protected abstract int auditLines(String action, Symbol symbol);

    private static Position held(String symbol, String quantity, String price) {
        return Position.opened(Symbol.of(symbol), new BigDecimal(quantity), Price.of(price), BigDecimal.ZERO,
                BigDecimal.ZERO, Option.none(), T);
    }

    private static AuditEvent corrected(String symbol) {
        return AuditEvent.of(T, "reconciliation", "contract_correction", AuditSeverity.WARNING,
                AuditEvent.details("symbol", symbol));
    }

    @Test
    void corrections_and_their_audit_lines_are_written_together_with_new_versions() {
        VersionedPosition before = positions().save(held("COR1", "10", "5"));
        Position toBroker = held("COR1", "12", "5.1");
        Position newSymbol = held("COR2", "-3", "7");

        List<VersionedPosition> saved = corrections().apply(
                List.of(new Correction(toBroker, before.version()), new Correction(newSymbol, 0)),
                List.of(corrected("COR1"), corrected("COR2"))).get();

        assertThat(saved.map(VersionedPosition::position)).containsExactly(toBroker, newSymbol);
        assertThat(saved.get(0).version()).isGreaterThan(before.version());
        assertThat(positions().findVersioned(Symbol.of("COR1")).get()).isEqualTo(saved.get(0));
        assertThat(positions().findVersioned(Symbol.of("COR2")).get()).isEqualTo(saved.get(1));
        assertThat(auditLines("contract_correction", Symbol.of("COR1"))).isEqualTo(1);
        assertThat(auditLines("contract_correction", Symbol.of("COR2"))).isEqualTo(1);
    }

    @Test
    void a_symbol_that_moved_on_since_it_was_read_refuses_every_correction_and_writes_nothing() {
        VersionedPosition read = positions().save(held("STL1", "10", "5"));
        VersionedPosition movedOn = positions().save(held("STL1", "11", "5"));
        Position untouched = held("STL2", "4", "2");

        var result = corrections().apply(
                List.of(new Correction(untouched, 0), new Correction(held("STL1", "12", "5"), read.version())),
                List.of(corrected("STL2"), corrected("STL1")));

        assertThat(result.getLeft().code()).isEqualTo(PositionCorrections.STALE);
        assertThat(positions().findVersioned(Symbol.of("STL1")).get()).isEqualTo(movedOn);
        assertThat(positions().findBySymbol(Symbol.of("STL2")).isEmpty()).isTrue();
        assertThat(auditLines("contract_correction", Symbol.of("STL1"))).isZero();
        assertThat(auditLines("contract_correction", Symbol.of("STL2"))).isZero();
    }

    @Test
    void a_row_that_appeared_since_the_comparison_is_stale_too() {
        positions().save(held("APP1", "1", "5"));

        var result = corrections().apply(List.of(new Correction(held("APP1", "2", "5"), 0)),
                List.of(corrected("APP1")));

        assertThat(result.getLeft().code()).isEqualTo(PositionCorrections.STALE);
        assertThat(positions().findBySymbol(Symbol.of("APP1")).get().quantity()).isEqualByComparingTo("1");
    }

    @Test
    void a_position_set_flat_is_kept_as_a_flat_row() {
        VersionedPosition before = positions().save(held("FLT1", "10", "5"));
        Position flat = Position.flat(Symbol.of("FLT1"), T);

        corrections().apply(List.of(new Correction(flat, before.version())), List.of(corrected("FLT1"))).get();

        assertThat(positions().findBySymbol(Symbol.of("FLT1")).get().isFlat()).isTrue();
    }
}
