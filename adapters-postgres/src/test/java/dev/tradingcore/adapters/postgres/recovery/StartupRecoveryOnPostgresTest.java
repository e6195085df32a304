package dev.tradingcore.adapters.postgres.recovery;

import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.recovery.ReconcilingPositions;
import dev.tradingcore.application.recovery.RecoveringOrders;
import dev.tradingcore.application.recovery.RecoverySettings;
import dev.tradingcore.application.recovery.StartupRecovery;
import dev.tradingcore.application.support.FakeBroker;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.state.SystemStateRepository;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Start-up recovery against PostgreSQL after a simulated crash: missed fills recorded once, a never-received order
 * rejected, a received one acknowledged with its fills, positions reconciled in both directions with their audit
 * lines, last_reconciliation recorded; run again, nothing changes.
 */
class StartupRecoveryOnPostgresTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant NOW = T0.plus(Duration.ofHours(1));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PostgresPersistence persistence = new PostgresPersistence(db.dataSource());
    private final FakeBroker broker = new FakeBroker();
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final PositionCache cache = new PositionCache();
    private final SystemStateRepository state = persistence.systemState(clock);

    private StartupRecovery recovery() {
        RecoverySettings settings = RecoverySettings.defaults();
        ApplyingFill applyFill = new ApplyingFill(persistence.fillJournal(), persistence.positions(), cache, alerts,
                clock);
        Incidents incidents = new Incidents(alerts, clock);
        FillSweep sweep = new FillSweep(persistence.orders(), persistence.trades(), persistence.orderJournal(),
                broker, applyFill, incidents, clock);
        RecoveringOrders orders = new RecoveringOrders(persistence.orders(), persistence.orderJournal(), state, broker,
                sweep, alerts, clock, settings);
        ReconcilingPositions positions = new ReconcilingPositions(broker, persistence.orders(),
                persistence.positions(), persistence.positionCorrections(), cache, sweep, state, alerts, incidents,
                clock, settings);
        return new StartupRecovery(persistence.positions(), cache, orders, positions, alerts, clock, settings);
    }

    @Test
    void recovers_orders_and_fills_then_reconciles_positions_and_a_second_run_changes_nothing() throws Exception {
        // Before the crash.
        Order filledWhileDown = anOrder().withId("pg-a").withSymbol("AAPL").withQuantity("100").submitted();
        Order neverReceived = anOrder().withId("pg-b").withSymbol("IBM").pending();
        Order receivedUnacknowledged = anOrder().withId("pg-c").withSymbol("AMD").withQuantity("50").pending();
        persistence.orders().save(filledWhileDown);
        persistence.orders().save(neverReceived);
        persistence.orders().save(receivedUnacknowledged);
        persistence.positions().save(Position.opened(Symbol.of("TSLA"), new BigDecimal("10"), Price.of("200"),
                BigDecimal.ZERO, BigDecimal.ZERO, Option.none(), T0));
        // What the broker did meanwhile, and what it holds that we never traded.
        broker.accepted(filledWhileDown, "brk-pg-a"); // the id it acknowledged before the crash
        broker.fill("brk-pg-a", "pg-t1", "100", "10", T0.plusSeconds(30));
        broker.accepted(receivedUnacknowledged, "brk-c");
        broker.fill("brk-c", "pg-t2", "30", "20", T0.plusSeconds(40));
        broker.holds("MSFT", "50", "300");

        RecoveryReport first = recovery().recover();

        assertThat(first.outcome()).isEqualTo(RecoveryReport.Outcome.CORRECTED);
        assertThat(status("pg-a")).isEqualTo("filled");
        assertThat(status("pg-b")).isEqualTo("rejected");
        assertThat(status("pg-c")).isEqualTo("partial_fill");
        assertThat(persistence.orders().findById(receivedUnacknowledged.orderId()).get().brokerOrderId())
                .contains(BrokerOrderId.of("brk-c"));
        assertThat(count("SELECT count(*) FROM trades")).isEqualTo(2);
        assertThat(quantity("AAPL")).isEqualByComparingTo("100");
        assertThat(quantity("AMD")).isEqualByComparingTo("30");
        assertThat(quantity("TSLA")).isZero();
        assertThat(quantity("MSFT")).isEqualByComparingTo("50");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'position_corrected'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'position_corrected' "
                + "AND details->>'symbol' = 'MSFT' AND details->>'our_quantity' = '0' "
                + "AND details->>'broker_quantity' = '50'")).isEqualTo(1);
        assertThat(state.lastReconciliation()).contains(NOW);
        assertThat(cache.get(Symbol.of("MSFT")).get().quantity()).isEqualByComparingTo("50");
        assertThat(alerts.titles()).containsExactly("Positions differed from the broker");

        int auditRows = count("SELECT count(*) FROM audit_log");
        long positionVersions = count("SELECT sum(version) FROM positions");

        RecoveryReport second = recovery().recover();

        assertThat(second.outcome()).isEqualTo(RecoveryReport.Outcome.CLEAN);
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(auditRows);
        assertThat(count("SELECT sum(version) FROM positions")).isEqualTo(positionVersions);
        assertThat(count("SELECT count(*) FROM trades")).isEqualTo(2);
        assertThat(alerts.alerts()).hasSize(1);
    }

    private String status(String orderId) {
        return persistence.orders().findById(dev.tradingcore.domain.common.OrderId.of(orderId)).get().status().code();
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
