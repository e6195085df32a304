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
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryOrderJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CancellingOrderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryOrderJournal journal = new InMemoryOrderJournal(orders, audit);
    private final InMemorySystemStateRepository state = new InMemorySystemStateRepository();
    private final ScriptedBroker broker = new ScriptedBroker();
    private final PositionCache positions = new PositionCache();
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final CancellingOrder cancelling = new CancellingOrder(orders, journal, broker,
            new UpdatingOrderStatus(orders, journal, CLOCK), java.time.Duration.ofSeconds(30), CLOCK);

    @BeforeEach
    void anAcceptedOrder() {
        state.saveTradingSwitch(TradingSwitch.on("test", CLOCK.instant()));
        state.saveRiskLimits(new RiskLimits(Money.of("100000"), Money.of("5000")));
        SubmittingOrder submitting = new SubmittingOrder(journal, orders, broker, positions,
                new TradingControls(state, audit, alerts, CLOCK), new DailyPnl(positions, CLOCK),
                DatabaseHealth.alwaysAvailable(), alerts, () -> OrderId.of("ord-1"), CLOCK);
        assertThat(submitting.submit(OrderTicket.limit(Symbol.of("AAPL"), Side.BUY, Quantity.of("10"),
                Price.of("99")))).isInstanceOf(SubmitResult.Accepted.class);
    }

    @Test
    void a_confirmed_cancel_is_recorded() {
        assertThat(cancelling.cancel(OrderId.of("ord-1")).get().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.findById(OrderId.of("ord-1")).get().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(broker.calls().last()).isEqualTo("cancel brk-1");
    }

    @Test
    void an_unanswered_cancel_leaves_the_order_open_and_says_so() {
        broker.thenCancel(Either.left(new BrokerFailure.Timeout(Duration.ofSeconds(5))));

        assertThat(cancelling.cancel(OrderId.of("ord-1")).getLeft().code()).isEqualTo("cancel_unconfirmed");
        assertThat(orders.findById(OrderId.of("ord-1")).get().status()).isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void a_closed_or_unknown_order_cannot_be_cancelled() {
        cancelling.cancel(OrderId.of("ord-1"));

        assertThat(cancelling.cancel(OrderId.of("ord-1")).getLeft().code()).isEqualTo("order_not_open");
        assertThat(cancelling.cancel(OrderId.of("nope")).getLeft().code()).isEqualTo("unknown_order");
    }
}
