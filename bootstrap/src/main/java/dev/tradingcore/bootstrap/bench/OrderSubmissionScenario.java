package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.adapters.broker.simulated.Instrument;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.application.order.SubmittingOrder;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.OrderRequest;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Scenario 2: order submission through {@link SubmittingOrder} to the in-process {@link SimulatedBroker}: checks, the
 * pending order and its audit line (one transaction), the broker's answer, the acknowledgement on the locked order
 * with its audit line (a second transaction). Baseline: the same broker call and the same reads and writes, one
 * statement at a time in plain JDBC, as the project sent them through its mappers until it combined each write with
 * its audit line (OrderSql): open orders; INSERT order, INSERT audit, COMMIT; lock, UPDATE order, INSERT audit,
 * COMMIT (8 round trips; the project's are 5, OrderSubmissionRoundTripsTest). Market buys of one share,
 * filled by the simulation as they arrive (no resting orders for it to walk through); their fills are never polled,
 * so our orders stay submitted: the risk limits are raised so that the open orders piling up never breach them.
 */
final class OrderSubmissionScenario implements Scenario {

    private static final int SYMBOLS = 200;
    private static final Price REFERENCE = Price.of("100.00");

    static final String INSERT_NEW = """
            INSERT INTO orders (order_id, client_order_id, broker_order_id, symbol, side, quantity, order_type,
                                time_in_force, limit_price, stop_price, status, filled_quantity, filled_notional,
                                filled_avg_price, submitted_at, updated_at, filled_at, cancelled_at, error_message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String name() {
        return "order submission";
    }

    private static String symbol(int i) {
        return String.format("Q%03d", i % SYMBOLS);
    }

    @Override
    public List<BenchRow> run(BenchContext context) throws Exception {
        try (Connection c = context.database().connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE system_state SET value = '{\"max_position_size\": 1000000000000, "
                    + "\"max_daily_loss\": 1000000000}' WHERE key = 'risk_limits'");
        }
        io.vavr.collection.List<Instrument> instruments = io.vavr.collection.List.range(0, SYMBOLS)
                .map(i -> Instrument.of(symbol(i), "100.00"));
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(42).withInstruments(instruments)
                .withStartingCash(new BigDecimal("1000000000000.00")).withMatchOnSubmit(true)
                .withVolatilityBasisPoints(0), context.clock());
        PostgresPersistence persistence = context.database().persistence();
        PositionCache cache = new PositionCache();
        TradingControls controls = new TradingControls(persistence.systemState(context.clock()),
                persistence.auditLog(), context.alerts(), context.clock());
        SubmittingOrder submitting = new SubmittingOrder(persistence.orderJournal(), persistence.orders(), broker,
                cache, controls, new DailyPnl(cache, context.clock()), context.database().guard(), context.alerts(),
                () -> OrderId.of("sa-" + sequence.incrementAndGet()), context.clock());
        Symbol[] symbols = new Symbol[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            symbols[i] = Symbol.of(symbol(i));
        }
        AtomicLong next = new AtomicLong();
        Rounds.Operation project = worker -> {
            int i = (int) (next.incrementAndGet() % SYMBOLS);
            SubmitResult result = submitting.submit(OrderTicket.market(symbols[i], Side.BUY, Quantity.of(1), REFERENCE));
            if (!(result instanceof SubmitResult.Accepted)) {
                throw new BenchFailure("the project's submission answered " + result);
            }
        };
        DataSource pool = context.database().baseline();
        Rounds.Operation baseline = worker -> {
            int i = (int) (next.incrementAndGet() % SYMBOLS);
            submit(pool, broker, "sb-" + sequence.incrementAndGet(), symbols[i], context.clock().instant());
        };
        List<BenchRow> rows = new ArrayList<>();
        for (int writers : List.of(1, 4)) {
            context.progress("2 order submission: %d writer(s)", writers);
            if (writers == 1) {
                // Warm-up before the first step, not measured: half a step of each path at 4 writers (the JIT).
                Rounds.alternate(1, 4, context.options().stepDuration().dividedBy(2), project, new Rounds.Tally(),
                        baseline, new Rounds.Tally());
            }
            // Half a round of each path at this step's concurrency, not measured.
            Rounds.alternate(1, writers, context.options().roundDuration().dividedBy(2), project,
                    new Rounds.Tally(), baseline, new Rounds.Tally());
            Rounds.Tally a = new Rounds.Tally();
            Rounds.Tally b = new Rounds.Tally();
            Rounds.alternate(context.options().rounds(), writers, context.options().roundDuration(), project, a,
                    baseline, b);
            rows.add(BenchRow.of("2 order submission", writers + " writer" + (writers == 1 ? "" : "s"), "orders/s",
                    a.measurement(), b.measurement())
                    .note("orders", a.operations + " / " + b.operations)
                    .note("client CPU per order", String.format("%.0f / %.0f us", a.cpuMicrosPerOperation(),
                            b.cpuMicrosPerOperation())));
        }
        return rows;
    }

    /** The baseline: the same reads and writes around the same broker call, in plain JDBC. */
    private static void submit(DataSource pool, SimulatedBroker broker, String orderId, Symbol symbol, Instant at)
            throws SQLException {
        OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(HotReadScenario.OPEN_ORDERS)) {
                ps.setString(1, symbol.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int col = 1; col <= 19; col++) {
                            rs.getObject(col);
                        }
                    }
                }
            }
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(INSERT_NEW)) {
                    ps.setString(1, orderId);
                    ps.setString(2, orderId);
                    ps.setNull(3, Types.NULL);
                    ps.setString(4, symbol.value());
                    ps.setString(5, "buy");
                    ps.setBigDecimal(6, BigDecimal.ONE);
                    ps.setString(7, "market");
                    ps.setString(8, "day");
                    ps.setNull(9, Types.NULL);
                    ps.setNull(10, Types.NULL);
                    ps.setString(11, "pending");
                    ps.setBigDecimal(12, BigDecimal.ZERO);
                    ps.setBigDecimal(13, BigDecimal.ZERO);
                    ps.setNull(14, Types.NULL);
                    ps.setObject(15, time);
                    ps.setObject(16, time);
                    ps.setNull(17, Types.NULL);
                    ps.setNull(18, Types.NULL);
                    ps.setNull(19, Types.NULL);
                    if (ps.executeUpdate() != 1) {
                        throw new BenchFailure("baseline order " + orderId + " was not inserted");
                    }
                }
                audit(c, time, "order_placed", orderId, symbol, "pending", null);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            Order order = Order.place(OrderId.of(orderId), ClientOrderId.of(orderId), symbol, Side.BUY,
                    Quantity.of(1), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(), at)
                    .get().order();
            Either<BrokerFailure, BrokerOrder> answer = broker.submit(OrderRequest.of(order));
            if (answer.isLeft()) {
                throw new BenchFailure("the simulated broker refused the baseline's order: " + answer.getLeft());
            }
            String brokerId = answer.get().brokerOrderId().value();
            try {
                try (PreparedStatement ps = c.prepareStatement(FillSql.LOCK_ORDER)) {
                    ps.setString(1, orderId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        for (int col = 1; col <= 19; col++) {
                            rs.getObject(col);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(FillSql.UPDATE_ORDER)) {
                    ps.setString(1, orderId);
                    ps.setString(2, brokerId);
                    ps.setString(3, symbol.value());
                    ps.setString(4, "buy");
                    ps.setBigDecimal(5, BigDecimal.ONE);
                    ps.setString(6, "market");
                    ps.setString(7, "day");
                    ps.setNull(8, Types.NULL);
                    ps.setNull(9, Types.NULL);
                    ps.setString(10, "submitted");
                    ps.setBigDecimal(11, BigDecimal.ZERO);
                    ps.setBigDecimal(12, BigDecimal.ZERO);
                    ps.setNull(13, Types.NULL);
                    ps.setObject(14, time);
                    ps.setObject(15, time);
                    ps.setNull(16, Types.NULL);
                    ps.setNull(17, Types.NULL);
                    ps.setNull(18, Types.NULL);
                    ps.setString(19, orderId);
                    ps.executeUpdate();
                }
                audit(c, time, "order_submitted", orderId, symbol, "submitted", brokerId);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void audit(Connection c, OffsetDateTime time, String action, String orderId, Symbol symbol,
            String status, String brokerId) throws SQLException {
        StringBuilder json = new StringBuilder("{\"order_id\": \"").append(orderId)
                .append("\", \"client_order_id\": \"").append(orderId).append("\", \"symbol\": \"")
                .append(symbol.value()).append("\", \"side\": \"buy\", \"quantity\": \"1\", \"order_type\": \"market\", ")
                .append("\"status\": \"").append(status).append('"');
        if (brokerId != null) {
            json.append(", \"broker_order_id\": \"").append(brokerId).append("\", \"broker_status\": \"new\"");
        }
        json.append('}');
        try (PreparedStatement ps = c.prepareStatement(FillSql.INSERT_AUDIT)) {
            ps.setObject(1, time);
            ps.setString(2, "execution");
            ps.setString(3, action);
            ps.setObject(4, json.toString(), Types.OTHER);
            ps.setNull(5, Types.NULL);
            ps.setNull(6, Types.NULL);
            ps.setString(7, "info");
            ps.executeUpdate();
        }
    }
}
