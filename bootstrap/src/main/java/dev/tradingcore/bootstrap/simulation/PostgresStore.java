package dev.tradingcore.bootstrap.simulation;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.application.core.CorePorts;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A session's books in a PostgreSQL database of its own (migrated by the production scripts), through the production
 * adapters: the journals' transactions, row locks, the trade id registry, replays of late fills, all for real. The
 * session's simulated clock stamps what the adapters stamp. A crash is the core's process dying between two port
 * calls; a transaction never commits half, as the database guarantees (the process-killing crash test checks that).
 */
final class PostgresStore implements SimulationStore {

    private final DatabaseUrl url;
    private final HikariDataSource pool;
    private final PostgresPersistence persistence;
    private final Runnable drop;

    /**
     * @param url a migrated, empty database for this session alone
     * @param drop what removes the database at the end
     */
    PostgresStore(DatabaseUrl url, Runnable drop) {
        this.url = url;
        this.drop = drop;
        this.pool = ConnectionPools.open(url, new PoolSettings("simulation", 2, Duration.ofSeconds(10), false));
        this.persistence = new PostgresPersistence(pool);
    }

    @Override
    public CorePorts ports(BrokerGateway broker, AlertSink alerts, CrashPlan crash, Clock clock) {
        return new CorePorts(crash.wrap(OrderJournal.class, persistence.orderJournal()),
                crash.wrap(OrderRepository.class, persistence.orders()),
                crash.wrap(FillJournal.class, persistence.fillJournal()),
                crash.wrap(PositionRepository.class, persistence.positions()),
                crash.wrap(PositionCorrections.class, persistence.positionCorrections()),
                crash.wrap(TradeRepository.class, persistence.trades()),
                crash.wrap(SystemStateRepository.class, persistence.systemState(clock)),
                crash.wrap(RiskInputs.class, persistence.riskInputs()),
                crash.wrap(RiskSnapshotRepository.class, persistence.riskSnapshots()),
                crash.wrap(AuditLog.class, persistence.auditLog()), broker, alerts, DatabaseHealth.alwaysAvailable());
    }

    @Override
    public Contents contents() {
        List<Order> orders = persistence.orders().findByStatuses(HashSet.of(OrderStatus.values()));
        List<Trade> trades = orders.flatMap(order -> persistence.trades().findByOrderId(order.orderId()));
        return new Contents(orders, trades, persistence.positions().findAll(), audit());
    }

    private List<AuditEvent> audit() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT timestamp, component, action, severity, "
                        + "(SELECT jsonb_object_agg(key, value) FROM jsonb_each_text(details)) AS details "
                        + "FROM audit_log ORDER BY id")) {
            List<AuditEvent> events = List.empty();
            while (rs.next()) {
                Map<String, String> details = LinkedHashMap.empty();
                String json = rs.getString("details");
                if (json != null) {
                    com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(json);
                    for (var field : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>)
                            node::fields) {
                        details = details.put(field.getKey(), field.getValue().asText());
                    }
                }
                Instant at = rs.getObject("timestamp", java.time.OffsetDateTime.class).toInstant();
                events = events.append(AuditEvent.of(at, rs.getString("component"), rs.getString("action"),
                        AuditSeverity.valueOf(rs.getString("severity").toUpperCase(java.util.Locale.ROOT)), details));
            }
            return events;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the audit log of " + url.redacted() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "PostgreSQL";
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            drop.run();
        }
    }
}
