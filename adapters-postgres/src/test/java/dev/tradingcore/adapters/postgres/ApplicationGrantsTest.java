package dev.tradingcore.adapters.postgres;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.fill.FillBookkeeping;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskSnapshot;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each grant the adapters need, shown needed: the adapter's call works as the application login; with that one grant
 * revoked, the same call is refused with SQLSTATE 42501 (and the grant is given back). So the adapter tests, which run as that
 * login, would fail if a grant went missing, and none of them can pass on rights the application does not have. (The
 * grants it must not have are {@code RolePrivilegesTest}'s.)
 */
class ApplicationGrantsTest {

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    /** A call of an adapter, with a fresh id so that it can run twice on one database. */
    @FunctionalInterface
    interface Call {
        void run(PostgresPersistence ports, PartitionMaintenance maintenance, String id) throws Exception;
    }

    static Stream<Arguments> grants() {
        return Stream.of(
                grant("SELECT ON positions", (p, m, id) -> p.positions().findAll()),
                grant("INSERT ON positions", (p, m, id) -> p.positions().save(flat(id))),
                grant("UPDATE ON positions", (p, m, id) -> p.positions().save(flat(id))),
                grant("USAGE ON SEQUENCE positions_id_seq", (p, m, id) -> p.positions().save(flat(id))),
                grant("SELECT ON orders", (p, m, id) -> p.orders().findById(OrderId.of(id))),
                grant("INSERT ON orders", (p, m, id) -> place(p, id)),
                grant("UPDATE ON orders", (p, m, id) -> {
                    Order placed = place(p, id);
                    p.orderJournal().change(placed.orderId(), stored -> stored.acknowledgedAs(
                            BrokerOrderId.of("b-" + id), AT).map(acked -> OrderJournal.Changed.to(acked,
                                    audit(acked, "order_submitted"))));
                }),
                grant("INSERT ON trades", (p, m, id) -> fill(p, id)),
                grant("SELECT ON trades", (p, m, id) -> p.trades().findByOrderId(OrderId.of(id))),
                grant("SELECT ON trade_ids", (p, m, id) -> p.trades().findById(TradeId.of(id))),
                grant("INSERT ON audit_log", (p, m, id) -> p.auditLog().append(audit(anOrder().withId(id).pending(),
                        "test"))),
                grant("USAGE ON SEQUENCE audit_log_id_seq", (p, m, id) -> p.auditLog().append(audit(
                        anOrder().withId(id).pending(), "test"))),
                grant("SELECT ON audit_log", (p, m, id) -> p.auditTrail().ofOrder(OrderId.of(id))),
                // The sealer: how far ids were drawn, the newest block, a new block.
                grant("SELECT ON SEQUENCE audit_log_id_seq", (p, m, id) -> seal(p, id)),
                grant("SELECT ON audit_blocks", (p, m, id) -> seal(p, id)),
                grant("INSERT ON audit_blocks", (p, m, id) -> seal(p, id)),
                grant("INSERT ON audit_batches", (p, m, id) -> p.auditLog().appendBatch(id, io.vavr.collection.List
                        .of(audit(anOrder().withId(id).pending(), "test")))),
                // Maintenance forgets batch ids older than a day: a DELETE whose WHERE reads a column.
                grant("SELECT ON audit_batches", (p, m, id) -> m.maintain(AT)),
                grant("DELETE ON audit_batches", (p, m, id) -> m.maintain(AT)),
                // A start checks that no migration is pending.
                grant("SELECT ON flyway_schema_history", (p, m, id) -> new dev.tradingcore.adapters.postgres.schema
                        .SchemaMigrator(db.dataSource()).migrateIfBehind()),
                grant("INSERT ON risk_snapshots", (p, m, id) -> p.riskSnapshots().save(snapshot())),
                grant("USAGE ON SEQUENCE risk_snapshots_id_seq", (p, m, id) -> p.riskSnapshots().save(snapshot())),
                grant("SELECT ON risk_snapshots", (p, m, id) -> p.riskSnapshots().latest()),
                grant("SELECT ON system_state", (p, m, id) -> p.systemState(clock()).tradingSwitch()),
                grant("INSERT ON system_state", (p, m, id) -> p.systemState(clock()).saveTradingSwitch(
                        TradingSwitch.off(id, AT))),
                grant("UPDATE ON system_state", (p, m, id) -> p.systemState(clock()).saveTradingSwitch(
                        TradingSwitch.off(id, AT))),
                grant("SELECT ON market_data_cache", (p, m, id) -> p.marketData().latest(Symbol.of("Q" + id.toUpperCase()))),
                grant("INSERT ON market_data_cache", (p, m, id) -> p.marketData().upsert(quote(id))),
                grant("UPDATE ON market_data_cache", (p, m, id) -> p.marketData().upsert(quote(id))),
                grant("EXECUTE ON FUNCTION maintain_partitions(TIMESTAMPTZ)", (p, m, id) -> m.maintain(AT)));
    }

    /** An audit row written, then sealed as the running core seals it. */
    private static void seal(PostgresPersistence p, String id) {
        p.auditLog().append(audit(anOrder().withId(id).pending(), "test"));
        new dev.tradingcore.adapters.postgres.audit.seal.PostgresAuditSealer(db.dataSource(), clock()).sealPending();
    }

    private static Arguments grant(String grant, Call call) {
        return Arguments.of(grant, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void the_adapters_need_the_grant(String grant, Call call) throws Exception {
        PostgresPersistence ports = db.persistence();
        PartitionMaintenance maintenance = new PartitionMaintenance(db.dataSource());
        assertThatCode(() -> call.run(ports, maintenance, nextId())).as("with every grant").doesNotThrowAnyException();

        Throwable refused;
        try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
            st.execute("REVOKE " + grant + " FROM trading_app");
            try {
                refused = catchThrowable(() -> call.run(ports, maintenance, nextId()));
            } finally {
                st.execute("GRANT " + grant + " TO trading_app");
            }
        }

        assertThat(refused).as("without %s", grant).isNotNull();
        assertThat(sqlState(refused)).as("without %s: %s", grant, refused).isEqualTo("42501");
    }

    private static String nextId() {
        return "g" + IDS.incrementAndGet();
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static Clock clock() {
        return Clock.fixed(AT, ZoneOffset.UTC);
    }

    private static Position flat(String id) {
        return Position.flat(Symbol.of("P" + id.toUpperCase()), AT);
    }

    private static Order place(PostgresPersistence ports, String id) {
        Order order = anOrder().withId(id).withSymbol("S" + id.toUpperCase()).withQuantity("10").pending();
        return ports.orderJournal().place(order, audit(order, "order_placed")).get();
    }

    private static void fill(PostgresPersistence ports, String id) {
        Order order = place(ports, id);
        Order submitted = ports.orderJournal().change(order.orderId(), stored -> stored.acknowledgedAs(
                BrokerOrderId.of("b-" + id), AT).map(acked -> OrderJournal.Changed.to(acked, audit(acked,
                        "order_submitted")))).get();
        ports.fillJournal().record(aTradeFor(submitted).withId("t-" + id).withQuantity("10").at("5").build(),
                FillBookkeeping.at(AT)).get();
    }

    private static AuditEvent audit(Order order, String action) {
        return AuditEvent.of(AT, "test", action, AuditSeverity.INFO,
                AuditEvent.details("order_id", order.orderId().value()));
    }

    private static RiskSnapshot snapshot() {
        return new RiskSnapshot(AT.plusSeconds(IDS.incrementAndGet()), Money.of("1000"), Money.of("1000"),
                Money.ZERO, Money.ZERO, Option.none(), Option.none(), Option.none(), 0, Option.none(),
                TreeMap.empty());
    }

    private static Quote quote(String id) {
        return new Quote(Symbol.of("Q" + id.toUpperCase()), AT, Price.of("10"), Option.none(), Option.none(),
                Option.none());
    }
}
