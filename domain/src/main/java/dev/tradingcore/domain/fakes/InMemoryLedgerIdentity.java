package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.state.BrokerBinding;
import dev.tradingcore.domain.state.LedgerIdentity;
import io.vavr.control.Option;

/**
 * A {@link LedgerIdentity} in two fields, for use-case tests; it passes the same contract as PostgreSQL. The id it
 * gives at the first call is chosen by the test; binding lines go to the given audit log. Thread-safe.
 */
public final class InMemoryLedgerIdentity implements LedgerIdentity {

    private final String idToGive;
    private final AuditLog audit;
    private String ledgerId;
    private BrokerBinding binding;

    public InMemoryLedgerIdentity(String idToGive, AuditLog audit) {
        if (idToGive == null || idToGive.isBlank() || audit == null) {
            throw new IllegalArgumentException("an in-memory ledger identity needs the id to give and an audit log");
        }
        this.idToGive = idToGive;
        this.audit = audit;
    }

    @Override
    public synchronized String ledgerId() {
        if (ledgerId == null) {
            ledgerId = idToGive;
        }
        return ledgerId;
    }

    @Override
    public synchronized Option<BrokerBinding> binding() {
        return Option.of(binding);
    }

    @Override
    public synchronized void bind(BrokerBinding newBinding, AuditEvent line) {
        if (newBinding == null || line == null) {
            throw new IllegalArgumentException("a binding needs the account and its audit line");
        }
        audit.append(line);
        this.binding = newBinding;
    }
}
