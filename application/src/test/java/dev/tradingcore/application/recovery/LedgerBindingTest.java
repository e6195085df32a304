package dev.tradingcore.application.recovery;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.support.FakeBroker;
import dev.tradingcore.application.support.RecoveryRig;
import dev.tradingcore.domain.fakes.InMemoryLedgerIdentity;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.state.BrokerBinding;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * A ledger follows one broker account. The README's in-memory example, run on the database of {@code run}, took an
 * empty simulation for the account the positions came from: reconciliation set all five to zero and sent the open
 * orders to "unknown". These are the cases of the check that now comes first.
 */
class LedgerBindingTest {

    private final RecoveryRig rig = new RecoveryRig();
    private final FakeBroker broker = rig.broker;
    private final InMemoryLedgerIdentity identity = new InMemoryLedgerIdentity("ledger-1", rig.audit);
    private final LedgerBinding binding = new LedgerBinding(identity, broker, rig.orders, rig.orderJournal,
            rig.alerts, rig.clock);

    @Test
    void a_ledger_bound_to_no_account_is_bound_to_the_brokers_at_its_first_start_audited_and_quietly() {
        broker.withAccount("acct-A");

        LedgerBinding.Outcome outcome = binding.check("simulation A", false);

        assertThat(outcome).isEqualTo(new LedgerBinding.Outcome.Bound(
                new BrokerBinding("acct-A", "simulation A", RecoveryRig.NOW), true));
        assertThat(identity.binding().map(BrokerBinding::account)).isEqualTo(Option.some("acct-A"));
        assertThat(rig.auditLines("ledger_bound")).isEqualTo(1);
        assertThat(rig.alerts.alerts()).isEmpty();
        assertThat(binding.check("simulation A", false).mayReconcile()).as("the same account again").isTrue();
    }

    @Test
    void another_account_is_refused_and_nothing_changes() {
        broker.withAccount("acct-A");
        binding.check("simulation A", false);
        Order open = rig.recorded(anOrder().withId("o1").submitted());
        rig.weHold("AAPL", "10", "190");
        FakeBroker other = new FakeBroker().withAccount("acct-B");
        LedgerBinding withOther = new LedgerBinding(identity, other, rig.orders, rig.orderJournal, rig.alerts,
                rig.clock);

        LedgerBinding.Outcome outcome = withOther.check("in-memory simulation", false);

        assertThat(outcome.mayReconcile()).isFalse();
        assertThat(outcome.describe()).contains("acct-A").contains("acct-B").contains("in-memory simulation");
        assertThat(identity.binding().map(BrokerBinding::account)).isEqualTo(Option.some("acct-A"));
        assertThat(rig.order(open).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("10");
        assertThat(rig.alerts.alerts()).isEmpty();
        assertThat(other.calls()).containsExactly("account");
    }

    @Test
    void a_gateway_that_names_no_account_is_refused_by_a_bound_ledger_even_when_adoption_is_asked() {
        broker.withAccount("acct-A");
        binding.check("simulation A", false);
        LedgerBinding unnamed = new LedgerBinding(identity, new FakeBroker(), rig.orders, rig.orderJournal,
                rig.alerts, rig.clock);

        assertThat(unnamed.check("my gateway", false).mayReconcile()).isFalse();
        LedgerBinding.Outcome adopted = unnamed.check("my gateway", true);
        assertThat(adopted.mayReconcile()).isFalse();
        assertThat(adopted.describe()).contains("does not name its account").contains("account()");
    }

    @Test
    void a_broker_that_does_not_answer_leaves_the_binding_unchecked_and_recovery_must_not_run() {
        broker.withAccount("acct-A").failAlways("account", FakeBroker.TIMEOUT);

        LedgerBinding.Outcome outcome = binding.check("simulation A", false);

        assertThat(outcome).isInstanceOf(LedgerBinding.Outcome.Unverified.class);
        assertThat(outcome.mayReconcile()).isFalse();
        assertThat(identity.binding()).isEqualTo(Option.none());
    }

    @Test
    void adopting_another_account_closes_the_previous_accounts_open_orders_once_and_says_so_in_one_alert() {
        broker.withAccount("acct-A");
        binding.check("simulation A", false);
        Order working = rig.recorded(anOrder().withId("o1").submitted());
        Order pending = rig.recorded(anOrder().withId("o2").pending());
        Order done = rig.recorded(anOrder().withId("o3").submitted().cancelled(RecoveryRig.NOW).get().order());
        FakeBroker other = new FakeBroker().withAccount("acct-B");
        LedgerBinding withOther = new LedgerBinding(identity, other, rig.orders, rig.orderJournal, rig.alerts,
                rig.clock);

        LedgerBinding.Outcome outcome = withOther.check("paper exchange", true);

        assertThat(outcome).isInstanceOf(LedgerBinding.Outcome.Adopted.class);
        assertThat(((LedgerBinding.Outcome.Adopted) outcome).ordersAbandoned()).isEqualTo(2);
        assertThat(rig.order(working).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(rig.order(pending).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(rig.order(done).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(rig.auditLines("order_abandoned")).isEqualTo(2);
        assertThat(rig.auditLines("broker_adopted")).isEqualTo(1);
        assertThat(identity.binding().map(BrokerBinding::account)).isEqualTo(Option.some("acct-B"));
        assertThat(rig.alerts.alerts()).hasSize(1);
        assertThat(rig.alerts.alerts().head().severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(rig.alerts.alerts().head().message()).contains("acct-A").contains("acct-B").contains("2 order(s)");
        assertThat(other.calls()).containsExactly("account");

        assertThat(withOther.check("paper exchange", true)).as("adopted once: the ledger now follows B")
                .isInstanceOf(LedgerBinding.Outcome.Bound.class);
        assertThat(rig.auditLines("order_abandoned")).isEqualTo(2);
    }

    @Test
    void recovery_that_may_not_run_loads_the_positions_asks_the_broker_nothing_and_is_incomplete() {
        rig.weHold("AAPL", "10", "190");

        RecoveryReport report = rig.recovery.notRun("the broker did not say which account it is");

        assertThat(report.outcome()).isEqualTo(RecoveryReport.Outcome.INCOMPLETE);
        assertThat(report.summary().mkString("\n")).contains("the broker did not say which account it is");
        assertThat(rig.cache.get(dev.tradingcore.domain.common.Symbol.of("AAPL")).get().quantity())
                .isEqualByComparingTo("10");
        assertThat(broker.calls()).isEmpty();
        assertThat(rig.alerts.alerts().map(a -> a.severity())).containsExactly(AlertSeverity.WARNING);
    }
}
