package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.reconciliation.PositionCorrectionsContract;

class InMemoryPositionCorrectionsTest extends PositionCorrectionsContract {

    private final InMemoryPositionRepository positions = new InMemoryPositionRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryPositionCorrections corrections = new InMemoryPositionCorrections(positions, audit);

    @Override
    protected PositionCorrections corrections() {
        return corrections;
    }

    @Override
    protected PositionRepository positions() {
        return positions;
    }

    @Override
    protected int auditLines(String action, Symbol symbol) {
        return audit.events().count(e -> e.action().equals(action) && e.details().get("symbol")
                .contains(symbol.value()));
    }
}
