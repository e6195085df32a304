package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.state.LedgerIdentity;
import dev.tradingcore.domain.state.LedgerIdentityContract;

class InMemoryLedgerIdentityTest extends LedgerIdentityContract {

    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryLedgerIdentity identity = new InMemoryLedgerIdentity("ledger-1", audit);

    @Override
    protected LedgerIdentity identity() {
        return identity;
    }

    @Override
    protected java.util.List<String> bindingAuditLines() {
        return audit.events().map(AuditEvent::action).toJavaList();
    }
}
