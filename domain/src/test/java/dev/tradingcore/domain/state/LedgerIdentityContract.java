package dev.tradingcore.domain.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerIdentity} must do, run against each implementation (PostgreSQL, in-memory). Each test gets
 * a store that has never been started on.
 */
public abstract class LedgerIdentityContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    /** A new store for each test, the same instance for every call within it. */
    protected abstract LedgerIdentity identity();

    /** The audit lines of the store's {@code binding} actions, oldest first. */
    protected abstract java.util.List<String> bindingAuditLines();

    @Test
    void a_ledger_gets_an_id_once_and_keeps_it() {
        String first = identity().ledgerId();

        assertThat(first).isNotBlank();
        assertThat(identity().ledgerId()).isEqualTo(first);
    }

    @Test
    void a_new_ledger_is_bound_to_no_account() {
        assertThat(identity().binding()).isEqualTo(Option.none());
    }

    @Test
    void a_binding_is_kept_with_its_audit_line_and_a_new_one_replaces_it() {
        BrokerBinding first = new BrokerBinding("acct-1", "in-process simulation (seed 42)", T);
        identity().bind(first, AuditEvent.of(T, "ledger", "ledger_bound", AuditSeverity.INFO,
                AuditEvent.details("account", "acct-1")));
        assertThat(identity().binding()).isEqualTo(Option.some(first));

        BrokerBinding second = new BrokerBinding("acct-2", "REST broker at http://127.0.0.1:8765",
                T.plusSeconds(60));
        identity().bind(second, AuditEvent.of(T.plusSeconds(60), "ledger", "broker_adopted", AuditSeverity.WARNING,
                AuditEvent.details("account", "acct-2", "previous_account", "acct-1")));

        assertThat(identity().binding()).isEqualTo(Option.some(second));
        assertThat(bindingAuditLines()).containsExactly("ledger_bound", "broker_adopted");
    }
}
