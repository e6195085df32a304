package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.adapters.broker.simulated.Instrument;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.recovery.ReconcilingPositions;
import dev.tradingcore.application.recovery.RecoveringOrders;
import dev.tradingcore.application.recovery.RecoverySettings;
import dev.tradingcore.application.recovery.StartupRecovery;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.IngestReport;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Scenario 6: start-up recovery ({@link StartupRecovery}: positions into the cache, intermediate orders settled with
 * the broker, fills of the window checked, positions reconciled, last_reconciliation recorded) with 10K positions
 * and 10K open orders at the in-process simulated broker, our records matching the broker's (a clean restart): time
 * to ready. The state is built once: a filled market order per symbol a day ago (the positions), then a resting limit
 * order per symbol (the open orders), recorded in our tables as the core would have. Baseline: the same reads
 * (positions, intermediate orders, last_reconciliation, each open order's trades, positions again) and the same broker
 * calls (fills of the window, each open order by id, positions) in plain JDBC, without the domain's decisions.
 */
final class RecoveryScenario implements Scenario {

    private static final Price LIMIT = Price.of("50.00");
    static final String FIND_BY_STATUSES = """
            SELECT order_id, client_order_id, broker_order_id, symbol, side, quantity, order_type, time_in_force,
                   limit_price, stop_price, status, filled_quantity, filled_notional, filled_avg_price, submitted_at,
                   updated_at, filled_at, cancelled_at, error_message
              FROM orders
             WHERE status IN (?, ?, ?, ?)
             ORDER BY submitted_at, order_id""";
    static final String ALL_POSITIONS = """
            SELECT symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis, cost_basis_exact,
                   realized_pnl, realized_pnl_exact, total_commission, mark_price, last_updated, version
              FROM positions ORDER BY symbol""";

    /** A clock that can be set back, so that the broker's fills of the positions happen a day before the restart. */
    private static final class ShiftedClock extends Clock {
        private final Clock base;
        private volatile Duration shift = Duration.ZERO;

        ShiftedClock(Clock base) {
            this.base = base;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return base.instant().plus(shift);
        }
    }

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String name() {
        return "start-up recovery";
    }

    private static String symbol(int i) {
        return String.format("R%05d", i);
    }

    @Override
    public List<BenchRow> run(BenchContext context) throws Exception {
        int n = context.options().recoveryPositions();
        context.progress("6 start-up recovery: building %d positions and %d open orders", n, n);
        // A restart of a core whose every record the broker knows: the other scenarios' orders and positions, which
        // this broker never saw, would be discrepancies. The bench database is the bench's own.
        try (Connection c = context.database().connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("TRUNCATE positions, trades, trade_ids, orders, audit_log");
        }
        ShiftedClock brokerClock = new ShiftedClock(context.clock());
        io.vavr.collection.List<Instrument> instruments = io.vavr.collection.List.range(0, n)
                .map(i -> Instrument.of(symbol(i), "100.00"));
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(7).withInstruments(instruments)
                .withStartingCash(new BigDecimal("1000000000000.00")).withMatchOnSubmit(true)
                .withVolatilityBasisPoints(0), brokerClock);
        PostgresPersistence persistence = context.database().persistence();
        build(context, broker, brokerClock, persistence, n);

        DataSource pool = context.database().baseline();
        List<Double> project = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        String outcome = "";
        int rounds = Math.max(2, context.options().rounds() / 2);
        for (int round = 0; round < rounds; round++) {
            context.progress("6 start-up recovery: round %d of %d", round + 1, rounds);
            PositionCache cache = new PositionCache();
            ApplyingFill applyFill = new ApplyingFill(persistence.fillJournal(), persistence.positions(), cache,
                    context.alerts(), context.clock());
            Incidents incidents = new Incidents(context.alerts(), context.clock());
            FillSweep sweep = new FillSweep(persistence.orders(), persistence.trades(), persistence.orderJournal(),
                    broker, applyFill, incidents, context.clock());
            RecoverySettings settings = RecoverySettings.defaults();
            StartupRecovery recovery = new StartupRecovery(persistence.positions(), cache,
                    new RecoveringOrders(persistence.orders(), persistence.orderJournal(),
                            persistence.systemState(context.clock()), broker, sweep, context.alerts(),
                            context.clock(), settings),
                    new ReconcilingPositions(broker, persistence.orders(), persistence.positions(),
                            persistence.positionCorrections(), cache, sweep, persistence.systemState(context.clock()),
                            context.alerts(), incidents, context.clock(), settings),
                    context.alerts(), context.clock(), settings);
            long t0 = System.nanoTime();
            RecoveryReport report = recovery.recover();
            project.add((System.nanoTime() - t0) / 1e9);
            if (report.outcome() != RecoveryReport.Outcome.CLEAN || cache.all().size() < n) {
                String summary = report.summary().mkString("; ");
                throw new BenchFailure("start-up recovery of a clean state was not clean: "
                        + (summary.length() > 600 ? summary.substring(0, 600) + "..." : summary));
            }
            outcome = report.summary().mkString("; ");
            t0 = System.nanoTime();
            baselineRecovery(pool, broker, context.clock(), settings);
            baseline.add((System.nanoTime() - t0) / 1e9);
        }
        double a = project.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double b = baseline.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return List.of(BenchRow.of("6 start-up recovery", n + " positions, " + n + " open orders", "recoveries/s",
                Measurement.rate(1 / a), Measurement.rate(1 / b))
                .note("seconds to ready, best (project / baseline)", String.format("%.2f / %.2f", a, b))
                .note("seconds to ready, first run: a cold JVM, as at a real start (project / baseline)",
                        String.format("%.2f / %.2f", project.get(0), baseline.get(0)))
                .note("every round (project)", project.stream().map(s -> String.format("%.2f", s)).toList().toString())
                .note("every round (baseline)", baseline.stream().map(s -> String.format("%.2f", s)).toList()
                        .toString())
                .note("report", outcome));
    }

    /** The broker's state and ours, matching: a filled market buy per symbol a day ago, a resting limit buy now. */
    private static void build(BenchContext context, SimulatedBroker broker, ShiftedClock brokerClock,
            PostgresPersistence persistence, int n) throws Exception {
        brokerClock.shift = Duration.ofDays(-1);
        Instant dayAgo = brokerClock.instant();
        Map<BrokerOrderId, Order> filledOrders = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Order order = Order.place(OrderId.of("rf-" + i), ClientOrderId.of("rf-" + i), Symbol.of(symbol(i)),
                    Side.BUY, Quantity.of(10), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(),
                    brokerClock.instant()).get().order();
            Either<BrokerFailure, BrokerOrder> answer = broker.submit(OrderRequest.of(order));
            if (answer.isLeft()) {
                throw new BenchFailure("the simulated broker refused a set-up order: " + answer.getLeft());
            }
            filledOrders.put(answer.get().brokerOrderId(), order.acknowledgedAs(answer.get().brokerOrderId(),
                    brokerClock.instant()).get());
        }
        List<BrokerFill> fills = broker.fillsSince(dayAgo.minusSeconds(3600)).get().items().toJavaList();
        brokerClock.shift = Duration.ZERO;
        List<Order> open = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Order order = Order.place(OrderId.of("ro-" + i), ClientOrderId.of("ro-" + i), Symbol.of(symbol(i)),
                    Side.BUY, Quantity.of(1), OrderType.LIMIT, TimeInForce.GTC, Option.some(LIMIT), Option.none(),
                    brokerClock.instant()).get().order();
            Either<BrokerFailure, BrokerOrder> answer = broker.submit(OrderRequest.of(order));
            if (answer.isLeft()) {
                throw new BenchFailure("the simulated broker refused a set-up order: " + answer.getLeft());
            }
            open.add(order.acknowledgedAs(answer.get().brokerOrderId(), brokerClock.instant()).get());
        }
        // Our records: orders, then the fills (the project's ingest), then the positions they make.
        Map<String, Order> filled = new HashMap<>();
        List<Trade> trades = new ArrayList<>(fills.size());
        Map<Symbol, Position> positions = new HashMap<>();
        for (BrokerFill fill : fills) {
            Order order = filledOrders.get(fill.brokerOrderId());
            Trade trade = fill.toTrade(order.orderId());
            trades.add(trade);
            Order before = filled.getOrDefault(order.orderId().value(), order);
            filled.put(order.orderId().value(), before.applyFill(trade, fill.executedAt()).get().order());
            Position position = positions.getOrDefault(fill.symbol(), Position.flat(fill.symbol(), fill.executedAt()));
            positions.put(fill.symbol(), position.apply(trade, fill.executedAt()).get());
        }
        try (Connection c = context.database().connect()) {
            c.setAutoCommit(false);
            insertOrders(c, filled.values());
            insertOrders(c, open);
            c.commit();
        }
        IngestReport ingested = persistence.tradeIngest().ingest(trades);
        if (ingested.inserted() != trades.size()) {
            throw new BenchFailure("set-up trades not all stored: " + ingested);
        }
        persistence.positions().saveAll(io.vavr.collection.List.ofAll(positions.values()));
        persistence.systemState(context.clock()).saveLastReconciliation(context.clock().instant());
    }

    private static void insertOrders(Connection c, java.util.Collection<Order> orders) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OrderSubmissionScenario.INSERT_NEW)) {
            for (Order o : orders) {
                ps.setString(1, o.orderId().value());
                ps.setString(2, o.clientOrderId().value());
                ps.setString(3, o.brokerOrderId().map(BrokerOrderId::value).getOrNull());
                ps.setString(4, o.symbol().value());
                ps.setString(5, o.side().code());
                ps.setBigDecimal(6, o.quantity().value());
                ps.setString(7, o.orderType().code());
                ps.setString(8, o.timeInForce().code());
                ps.setBigDecimal(9, o.limitPrice().map(Price::value).getOrNull());
                ps.setNull(10, Types.NUMERIC);
                ps.setString(11, o.status().code());
                ps.setBigDecimal(12, o.filledQuantity().value());
                ps.setBigDecimal(13, o.filledNotional());
                ps.setBigDecimal(14, o.filledAvgPrice().map(Price::value).getOrNull());
                ps.setObject(15, time(o.submittedAt()));
                ps.setObject(16, time(o.updatedAt()));
                ps.setObject(17, o.filledAt().map(RecoveryScenario::time).getOrNull(), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setNull(18, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setNull(19, Types.VARCHAR);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** The same reads and broker calls as the recovery, in plain JDBC, with no decisions. */
    private static void baselineRecovery(DataSource pool, SimulatedBroker broker, Clock clock,
            RecoverySettings settings) throws SQLException {
        try (Connection c = pool.getConnection()) {
            readAll(c, ALL_POSITIONS);
            List<String[]> open = new ArrayList<>();
            Instant earliest = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(FIND_BY_STATUSES)) {
                ps.setString(1, "pending");
                ps.setString(2, "submitted");
                ps.setString(3, "partial_fill");
                ps.setString(4, "unknown");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int col = 1; col <= 19; col++) {
                            rs.getObject(col);
                        }
                        open.add(new String[] {rs.getString(1), rs.getString(3)});
                        Instant submitted = rs.getObject(15, OffsetDateTime.class).toInstant();
                        earliest = submitted.isBefore(earliest) ? submitted : earliest;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT key, value, updated_at FROM system_state "
                    + "WHERE key = ?")) {
                ps.setString(1, "last_reconciliation");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            Instant window = earliest.minus(settings.fillWindowMargin());
            broker.fillsSince(window);
            try (PreparedStatement ps = c.prepareStatement(HotReadScenario.TRADES_OF_ORDER)) {
                for (String[] order : open) {
                    broker.orderById(new BrokerOrderId(order[1]));
                    ps.setString(1, order[0]);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
            }
            broker.positions();
            broker.fillsSince(window);
            readAll(c, ALL_POSITIONS);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO system_state (key, value, updated_at, description)
                    VALUES (?, ?, ?, NULL)
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at""")) {
                ps.setString(1, "last_reconciliation_bench");
                ps.setObject(2, "\"" + clock.instant() + "\"", Types.OTHER);
                ps.setObject(3, time(clock.instant()));
                ps.executeUpdate();
            }
        }
    }

    private static void readAll(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int col = 1; col <= columns; col++) {
                    rs.getObject(col);
                }
            }
        }
    }
}
