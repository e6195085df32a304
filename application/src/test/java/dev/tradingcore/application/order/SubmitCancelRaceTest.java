package dev.tradingcore.application.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.application.support.ScriptedBroker;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryOrderJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A submit and a cancel of the same order racing, and the broker answering a submit late: the order must never be
 * closed in our books while it works at the broker.
 */
class SubmitCancelRaceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
    private static final OrderId ID = OrderId.of("race-1");

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryOrderJournal journal = new InMemoryOrderJournal(orders, audit);
    private final InMemorySystemStateRepository state = new InMemorySystemStateRepository();
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final ScriptedBroker broker = new ScriptedBroker();
    private final PositionCache positions = new PositionCache();
    private final CancellingOrder cancelling = new CancellingOrder(orders, journal, broker,
            new UpdatingOrderStatus(orders, journal, CLOCK), Duration.ofSeconds(30), CLOCK);
    private final SubmittingOrder submitting = new SubmittingOrder(journal, orders, broker, positions,
            new TradingControls(state, audit, alerts, CLOCK), new DailyPnl(positions, CLOCK),
            DatabaseHealth.alwaysAvailable(), alerts, () -> ID, CLOCK);

    @BeforeEach
    void tradingOn() {
        state.saveTradingSwitch(TradingSwitch.on("test", CLOCK.instant()));
        state.saveRiskLimits(new RiskLimits(Money.of("100000"), Money.of("5000")));
    }

    private static OrderTicket ticket() {
        return OrderTicket.limit(Symbol.of("AAPL"), Side.BUY, Quantity.of("10"), Price.of("99"));
    }

    private Order stored() {
        return orders.findById(ID).get();
    }

    @Test
    void a_cancel_while_the_submit_is_on_its_way_never_closes_an_order_the_broker_then_takes() {
        @SuppressWarnings("unchecked")
        Either<Rejection, Order>[] cancel = new Either[1];
        // The request is slow to arrive: the strategy cancels before the broker has seen it.
        broker.thenSubmit(request -> {
            cancel[0] = cancelling.cancel(ID);
            return Either.right(broker.acceptNow(request));
        });

        SubmitResult result = submitting.submit(ticket());

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(stored().status()).as("open in our books: it works at the broker").isEqualTo(OrderStatus.SUBMITTED);
        assertThat(cancel[0].getLeft().code()).isEqualTo("submit_in_flight");
        assertThat(cancel[0].getLeft().message()).contains("cancel it again");
    }

    @Test
    void a_resend_refused_as_a_duplicate_with_no_answer_to_the_lookup_is_unconfirmed_not_rejected() {
        BrokerFailure timeout = new BrokerFailure.Timeout(Duration.ofSeconds(5));
        broker.thenSubmitFails(timeout)
                .thenLookup(Either.left(new BrokerFailure.NotFound("client order id race-1")))
                // The first request landed late: the resend is a duplicate of its client order id.
                .thenSubmit(request -> {
                    broker.acceptNow(request);
                    return Either.left(new BrokerFailure.Rejected("client_order_id must be unique",
                            Option.some("40010001")));
                })
                .thenLookup(Either.left(timeout));

        SubmitResult result = submitting.submit(ticket());

        assertThat(result).isInstanceOf(SubmitResult.Unconfirmed.class);
        assertThat(stored().status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void the_brokers_report_of_an_order_we_had_closed_reopens_it() {
        // An old pending order, cancelled here because the broker did not know it ...
        broker.thenSubmitFails(new BrokerFailure.Timeout(Duration.ofSeconds(5)))
                .thenLookup(Either.left(new BrokerFailure.Timeout(Duration.ofSeconds(5))));
        assertThat(submitting.submit(ticket())).isInstanceOf(SubmitResult.Unconfirmed.class);
        CancellingOrder later = new CancellingOrder(orders, journal, broker,
                new UpdatingOrderStatus(orders, journal, CLOCK), Duration.ZERO, CLOCK);
        broker.thenLookup(Either.left(new BrokerFailure.NotFound("client order id race-1")));
        assertThat(later.cancel(ID).get().status()).isEqualTo(OrderStatus.CANCELLED);

        // ... whose request then lands, and the broker's report of it reaches us.
        var report = broker.acceptNow(dev.tradingcore.domain.port.OrderRequest.of(stored()));
        Either<Rejection, Order> acknowledged = new UpdatingOrderStatus(orders, journal, CLOCK).apply(report);

        assertThat(acknowledged.get().status()).as("reopened: it works at the broker").isEqualTo(
                OrderStatus.SUBMITTED);
        assertThat(stored().brokerOrderId()).contains(report.brokerOrderId());
        assertThat(audit.events().map(e -> e.action())).contains("order_reopened");
    }
}
