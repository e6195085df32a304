package dev.tradingcore.application.recovery;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.state.BrokerBinding;
import dev.tradingcore.domain.state.LedgerIdentity;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/**
 * Before a ledger is reconciled with a broker: is this broker the account the ledger's positions came from?
 * Reconciliation takes the broker for the truth, so reconciling a ledger with another account sets every position to
 * that account's and makes every order the other account works "unknown": what happened when the README's in-memory
 * example ran on the database of {@code run}.
 *
 * <ul>
 *   <li>A ledger bound to no account is bound to the broker's (first start, or first start since V9), audited.</li>
 *   <li>A ledger bound to this account: nothing to do.</li>
 *   <li>A ledger bound to another account (or a broker that does not name its account, against a bound ledger) is
 *       refused, unless the caller adopts the broker: then the orders still open in the ledger, which belong to the
 *       other account and cannot be settled with this one, are closed as abandoned (each audited), the ledger is
 *       bound to the new account (audited), and one alert says so; reconciliation then sets the positions to the
 *       new account's, each correction audited.</li>
 *   <li>A broker that cannot be asked (no answer): the binding cannot be checked, so recovery must not run.</li>
 * </ul>
 */
public final class LedgerBinding {

    static final String COMPONENT = "ledger";

    private final LedgerIdentity identity;
    private final BrokerGateway broker;
    private final OrderRepository orders;
    private final OrderJournal journal;
    private final AlertSink alerts;
    private final Clock clock;

    public LedgerBinding(LedgerIdentity identity, BrokerGateway broker, OrderRepository orders, OrderJournal journal,
            AlertSink alerts, Clock clock) {
        this.identity = identity;
        this.broker = broker;
        this.orders = orders;
        this.journal = journal;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** What the check found; only {@link #mayReconcile()} outcomes let recovery ask this broker. */
    public sealed interface Outcome {

        /** Whether recovery may reconcile the ledger with this broker. */
        boolean mayReconcile();

        /** One line for a person. */
        String describe();

        /** The ledger follows this account (bound just now when {@code newlyBound}). */
        record Bound(BrokerBinding binding, boolean newlyBound) implements Outcome {
            public boolean mayReconcile() {
                return true;
            }

            public String describe() {
                return (newlyBound ? "bound now to account " : "follows account ") + binding.account();
            }
        }

        /** The broker names no account and the ledger is bound to none: nothing to check, nothing bound. */
        record Unnamed() implements Outcome {
            public boolean mayReconcile() {
                return true;
            }

            public String describe() {
                return "bound to no account (this broker gateway does not name its account)";
            }
        }

        /** The broker did not answer which account it is: the binding cannot be checked. */
        record Unverified(String reason) implements Outcome {
            public boolean mayReconcile() {
                return false;
            }

            public String describe() {
                return reason;
            }
        }

        /** The ledger follows another account than this broker's. */
        record Elsewhere(BrokerBinding bound, Option<String> offered, String reason) implements Outcome {
            public boolean mayReconcile() {
                return false;
            }

            public String describe() {
                return reason;
            }
        }

        /** The ledger moved to this broker's account, as asked. */
        record Adopted(BrokerBinding previous, BrokerBinding binding, int ordersAbandoned) implements Outcome {
            public boolean mayReconcile() {
                return true;
            }

            public String describe() {
                return "moved from account " + previous.account() + " to account " + binding.account() + " (as asked;"
                        + " " + ordersAbandoned + " open order(s) of the previous account closed as abandoned)";
            }
        }
    }

    /**
     * Checks (and on a first start makes) the binding.
     *
     * @param brokerDescription what the broker is, for the binding and the messages (e.g. "REST broker at URL")
     * @param adopt whether to move a ledger bound to another account to this broker's
     */
    public Outcome check(String brokerDescription, boolean adopt) {
        Either<BrokerFailure, Option<String>> answer = broker.account();
        if (answer.isLeft()) {
            return new Outcome.Unverified("the broker did not say which account it is, so whether this ledger's"
                    + " positions came from it cannot be checked: " + answer.getLeft().message());
        }
        Option<String> offered = answer.get();
        Option<BrokerBinding> bound = identity.binding();
        Instant at = clock.instant();
        String ledger = identity.ledgerId();
        if (bound.isEmpty()) {
            if (offered.isEmpty()) {
                return new Outcome.Unnamed();
            }
            BrokerBinding binding = new BrokerBinding(offered.get(), brokerDescription, at);
            identity.bind(binding, AuditEvent.of(at, COMPONENT, "ledger_bound", AuditSeverity.INFO,
                    AuditEvent.details("ledger_id", ledger, "account", binding.account(), "broker",
                            binding.broker())));
            return new Outcome.Bound(binding, true);
        }
        if (offered.contains(bound.get().account())) {
            return new Outcome.Bound(bound.get(), false);
        }
        String elsewhere = "this ledger (" + ledger + ") follows broker account " + bound.get().account() + " ("
                + bound.get().broker() + ", since " + bound.get().boundAt() + "), and " + brokerDescription
                + offered.map(id -> " is account " + id).getOrElse(" does not name its account");
        if (!adopt) {
            return new Outcome.Elsewhere(bound.get(), offered, elsewhere + ": reconciling them would set every"
                    + " position to that broker's and lose track of the orders the other account works");
        }
        if (offered.isEmpty()) {
            return new Outcome.Elsewhere(bound.get(), offered, elsewhere + ": a broker that does not name its"
                    + " account cannot be adopted (its BrokerGateway must implement account())");
        }
        int abandoned = abandonOpenOrders(bound.get(), offered.get(), at);
        BrokerBinding binding = new BrokerBinding(offered.get(), brokerDescription, at);
        identity.bind(binding, AuditEvent.of(at, COMPONENT, "broker_adopted", AuditSeverity.WARNING,
                AuditEvent.details("ledger_id", ledger, "account", binding.account(), "broker", binding.broker(),
                        "previous_account", bound.get().account(), "previous_broker", bound.get().broker(),
                        "orders_abandoned", Integer.toString(abandoned))));
        alerts.send(new Alert(AlertSeverity.HIGH, "Ledger moved to another broker account", "ledger " + ledger
                + " followed account " + bound.get().account() + " (" + bound.get().broker() + ") and now follows "
                + binding.account() + " (" + brokerDescription + "), as asked. " + abandoned + " order(s) still open"
                + " for the previous account were closed as abandoned: cancel them there if they still work."
                + " Positions are reconciled with the new account next: each difference is set to its figure and"
                + " audited.", at, LinkedHashMap.of("ledger_id", ledger, "account", binding.account(),
                        "previous_account", bound.get().account(), "orders_abandoned", Integer.toString(abandoned))));
        return new Outcome.Adopted(bound.get(), binding, abandoned);
    }

    /**
     * The previous account's open orders cannot be settled with the new one (it does not know them): left open, every
     * recovery would escalate each, and they would count as open exposure in every risk check. Each is closed, with an
     * audit line that says it was abandoned, not cancelled at its broker.
     */
    private int abandonOpenOrders(BrokerBinding previous, String account, Instant at) {
        List<Order> open = orders.findByStatuses(RecoveringOrders.INTERMEDIATE);
        int closed = 0;
        for (Order order : open) {
            Either<Rejection, Order> changed = journal.change(order.orderId(), stored -> !stored.isOpen()
                    ? Either.right(OrderJournal.Changed.unchanged(stored))
                    : stored.cancelled(at).map(event -> OrderJournal.Changed.to(event.order(), AuditEvent.of(at,
                            COMPONENT, "order_abandoned", AuditSeverity.WARNING, AuditEvent.details(
                                    "order_id", stored.orderId().value(),
                                    "client_order_id", stored.clientOrderId().value(),
                                    "symbol", stored.symbol().value(),
                                    "side", stored.side().code(),
                                    "quantity", stored.quantity().toString(),
                                    "filled_quantity", stored.filledQuantity().toString(),
                                    "previous_status", stored.status().code(),
                                    "status", event.order().status().code(),
                                    "broker_order_id", stored.brokerOrderId().map(BrokerOrderId::value)
                                            .getOrElse(""),
                                    "previous_account", previous.account(),
                                    "account", account,
                                    "reason", "the ledger moved to another broker account; this order's fate at"
                                            + " the previous one is not known here")))));
            if (changed.isRight() && !changed.get().isOpen()) {
                closed++;
            }
        }
        return closed;
    }
}
