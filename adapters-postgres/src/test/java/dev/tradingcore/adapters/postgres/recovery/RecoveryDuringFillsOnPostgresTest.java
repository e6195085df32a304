package dev.tradingcore.adapters.postgres.recovery;

import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.fill.BookedFills;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.recovery.ReconcilingPositions;
import dev.tradingcore.application.recovery.RecoveringOrders;
import dev.tradingcore.application.recovery.RecoverySettings;
import dev.tradingcore.application.recovery.StartupRecovery;
import dev.tradingcore.application.support.FakeBroker;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.state.SystemStateRepository;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Start-up recovery while fills keep arriving, on PostgreSQL, as a paper exchange and a push stream deliver them: the
 * broker's feed publishes executions 300-400 ms after its order view shows them, and fills pushed to the core (the
 * embedder's stream, through the same fill use case) land while recovery reads and books. Recovery must wait until
 * the broker's fills of our orders are in our books (or its bound passes), escalate nothing, and count in its report
 * every fill of its window this process booked while it ran, whichever path booked it.
 */
@Timeout(120)
class RecoveryDuringFillsOnPostgresTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant NOW = T0.plus(Duration.ofHours(1));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PostgresPersistence persistence = new PostgresPersistence(db.dataSource());
    private final FakeBroker broker = new FakeBroker();
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final PositionCache cache = new PositionCache();
    private final SystemStateRepository state = persistence.systemState(clock);
    private final BookedFills booked = new BookedFills();
    private final ApplyingFill applyFill = new ApplyingFill(persistence.fillJournal(), persistence.positions(), cache,
            alerts, clock, booked);
    private final ScheduledExecutorService market = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopMarket() {
        market.shutdownNow();
    }

    private StartupRecovery recovery() {
        RecoverySettings settings = RecoverySettings.defaults();
        Incidents incidents = new Incidents(alerts, clock);
        FillSweep sweep = new FillSweep(persistence.orders(), persistence.trades(), persistence.orderJournal(),
                broker, applyFill, incidents, clock);
        RecoveringOrders orders = new RecoveringOrders(persistence.orders(), persistence.orderJournal(), state, broker,
                sweep, alerts, clock, settings, booked);
        ReconcilingPositions positions = new ReconcilingPositions(broker, persistence.orders(),
                persistence.positions(), persistence.positionCorrections(), cache, sweep, state, alerts, incidents,
                clock, settings);
        return new StartupRecovery(persistence.positions(), cache, orders, positions, alerts, clock, settings);
    }

    @Test
    void fills_published_and_pushed_while_recovery_runs_are_booked_once_counted_and_nothing_is_escalated()
            throws Exception {
        // Before the crash: one fill of IBM booked; four orders open.
        Order late = record(anOrder().withId("rd-late").withSymbol("AAPL").withQuantity("100").submitted());
        Order pushed = record(anOrder().withId("rd-pushed").withSymbol("MSFT").withQuantity("100").submitted());
        Order pending = record(anOrder().withId("rd-pending").withSymbol("AMD").withQuantity("100").pending());
        Order partial = record(anOrder().withId("rd-partial").withSymbol("IBM").withQuantity("50").submitted());
        broker.accepted(partial, "brk-rd-partial");
        BrokerFill before = broker.fill("brk-rd-partial", "rd-t-ibm", "20", "30", T0.plusSeconds(5));
        assertThat(applyFill.apply(before.toTrade(partial.orderId()))).isInstanceOf(FillOutcome.Applied.class);

        // The AAPL order filled while we were down; the feed shows it 400 ms into recovery.
        broker.accepted(late, "brk-rd-late");
        broker.fillPublishedLater("brk-rd-late", "rd-t-aapl", "100", "10", T0.plusSeconds(30));
        // The MSFT order filled in ten executions, published; the push stream delivers them again as recovery reads.
        broker.accepted(pushed, "brk-rd-pushed");
        List<BrokerFill> msft = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            msft.add(broker.fill("brk-rd-pushed", "rd-t-msft-" + i, "10", "40", T0.plusSeconds(40 + i)));
        }
        // The AMD order reached the broker but we never recorded its id; it fills 40 just after the broker tells
        // recovery it has filled nothing, and the push stream books that fill at once; the feed shows it 300 ms later.
        broker.accepted(pending, "brk-pending");
        List<CompletableFuture<?>> pushes = new ArrayList<>();
        broker.afterNextClientOrderIdLookup(() -> {
            BrokerFill amd = broker.fillPublishedLater("brk-pending", "rd-t-amd", "40", "20", T0.plusSeconds(50));
            pushes.add(CompletableFuture.runAsync(() -> applyFill.apply(amd.toTrade(pending.orderId()))));
            pushes.get(pushes.size() - 1).join();
            market.schedule(() -> broker.publish("rd-t-amd"), 300, TimeUnit.MILLISECONDS);
        });
        broker.afterNextFillsRead(() -> {
            market.schedule(() -> broker.publish("rd-t-aapl"), 400, TimeUnit.MILLISECONDS);
            pushes.add(CompletableFuture.runAsync(() -> msft.forEach(f -> applyFill.apply(f.toTrade(
                    pushed.orderId())))));
        });

        RecoveryReport report = recovery().recover();
        pushes.forEach(CompletableFuture::join);

        assertThat(alerts.titles()).as("%s", alerts.alerts()).doesNotContain("Order recovery needs a person");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'order_recovery_escalated'")).isZero();
        assertThat(report.orders().escalated()).isZero();
        assertThat(report.orders().leftForRetry()).as("%s", report.summary()).isZero();
        assertThat(report.outcome()).as("%s", report.summary()).isEqualTo(RecoveryReport.Outcome.CORRECTED);
        assertThat(report.orders().fills().applied()).as("booked by this process while recovery ran: %s",
                report.orders().fills()).isEqualTo(12);
        assertThat(report.orders().fills().alreadyRecorded()).as("booked before the crash").isEqualTo(1);

        assertThat(count("SELECT count(*) FROM trades")).as("each execution once").isEqualTo(13);
        assertThat(status(late)).isEqualTo(OrderStatus.FILLED);
        assertThat(status(pushed)).isEqualTo(OrderStatus.FILLED);
        assertThat(status(pending)).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(status(partial)).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(quantity("AAPL")).isEqualByComparingTo("100");
        assertThat(quantity("MSFT")).isEqualByComparingTo("100");
        assertThat(quantity("AMD")).isEqualByComparingTo("40");
        assertThat(quantity("IBM")).isEqualByComparingTo("20");
        assertThat(report.discrepancies()).as("our books equal the broker's").isEmpty();

        // A contradiction that is real (the broker's order is not the one we sent) still reaches a person: an audit
        // line, then an alert.
        record(anOrder().withId("rd-odd").withSymbol("NVDA").withQuantity("10").submitted());
        broker.accepted(anOrder().withId("rd-odd").withSymbol("NVDA").withQuantity("12").submitted(), "brk-rd-odd");

        RecoveryReport again = recovery().recover();

        assertThat(again.orders().escalated()).isEqualTo(1);
        assertThat(alerts.titles()).containsOnlyOnce("Order recovery needs a person");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'order_recovery_escalated'"
                + " AND details->>'order_id' = 'rd-odd'")).isEqualTo(1);
    }

    private Order record(Order order) {
        persistence.orders().save(order);
        return order;
    }

    private OrderStatus status(Order order) {
        return persistence.orders().findById(OrderId.of(order.orderId().value())).get().status();
    }

    private BigDecimal quantity(String symbol) {
        return persistence.positions().findBySymbol(Symbol.of(symbol)).map(Position::quantity)
                .getOrElse(BigDecimal.ZERO);
    }

    private int count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
