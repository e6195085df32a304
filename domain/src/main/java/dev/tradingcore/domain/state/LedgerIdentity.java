package dev.tradingcore.domain.state;

import dev.tradingcore.domain.audit.AuditEvent;
import io.vavr.control.Option;

/**
 * Which ledger a database holds, and which broker account its positions come from ({@code system_state} keys
 * {@code ledger_id} and {@code broker_account}).
 *
 * <p>The ledger id is given at the first start of a core on the database, not by the migration: a database cloned
 * from a migrated template is a ledger of its own, while a database restored from a dump, or copied, is the same
 * ledger as the one dumped (and follows the same broker account).
 */
public interface LedgerIdentity {

    /**
     * This ledger's id: the stored one, or a new one stored now when there is none (concurrent first calls agree on
     * one).
     */
    String ledgerId();

    /** The account the ledger is bound to; none before its first start against a broker that names its account. */
    Option<BrokerBinding> binding();

    /** Binds the ledger to an account (or binds it anew), with the audit line that says so, in one transaction. */
    void bind(BrokerBinding binding, AuditEvent audit);
}
