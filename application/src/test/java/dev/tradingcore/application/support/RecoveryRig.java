package dev.tradingcore.application.support;

import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.fill.BookedFills;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.order.UpdatingOrderStatus;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.recovery.ReconcilingPositions;
import dev.tradingcore.application.recovery.RecoveringOrders;
import dev.tradingcore.application.recovery.RecoverySettings;
import dev.tradingcore.application.recovery.StartupRecovery;
import dev.tradingcore.application.sync.BrokerSync;
import dev.tradingcore.application.sync.BrokerSyncSettings;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryFillJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.fakes.InMemoryPositionCorrections;
import dev.tradingcore.domain.fakes.InMemoryPositionRepository;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fakes.InMemoryTradeRepository;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.fixtures.OrderBuilder;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Start-up recovery and the broker sync wired over the domain's in-memory fakes and a {@link FakeBroker}, as the
 * core wires them over PostgreSQL and a real broker. The clock stands an hour after the fixtures' orders were placed.
 */
public final class RecoveryRig {

    public static final Instant NOW = OrderBuilder.T0.plus(Duration.ofHours(1));

    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    public final InMemoryPositionRepository positions = new InMemoryPositionRepository();
    public final InMemoryTradeRepository trades = new InMemoryTradeRepository();
    public final InMemoryAuditLog audit = new InMemoryAuditLog();
    public final InMemoryFillJournal fillJournal = new InMemoryFillJournal(positions, orders, trades, audit);
    public final InMemoryOrderJournal orderJournal = new InMemoryOrderJournal(orders, audit);
    public final InMemorySystemStateRepository state = new InMemorySystemStateRepository();
    public final InMemoryPositionCorrections corrections = new InMemoryPositionCorrections(positions, audit);
    public final PositionCache cache = new PositionCache();
    public final RecordingAlertSink alerts = new RecordingAlertSink();
    public final FakeBroker broker = new FakeBroker();
    public final BookedFills booked = new BookedFills();
    public final ApplyingFill applyFill = new ApplyingFill(fillJournal, positions, cache, alerts, clock, booked);
    public final Incidents incidents = new Incidents(alerts, clock);
    public final FillSweep sweep = new FillSweep(orders, trades, orderJournal, broker, applyFill, incidents, clock);
    /** The defaults, but reading the fills again at once: the fake broker's feed does not move with the wall clock. */
    public final RecoverySettings settings = RecoverySettings.defaults().withFillReads(3, Duration.ZERO);
    public final RecoveringOrders recoveringOrders = new RecoveringOrders(orders, orderJournal, state, broker, sweep,
            alerts, clock, settings, booked);
    public final ReconcilingPositions reconcilingPositions = new ReconcilingPositions(broker, orders, positions,
            corrections, cache, sweep, state, alerts, incidents, clock, settings, audit);
    public final StartupRecovery recovery = new StartupRecovery(positions, cache, recoveringOrders,
            reconcilingPositions, alerts, clock, settings);

    /** A sync as the core starts it after recovery, reading fills from {@code from}. */
    public BrokerSync sync(Instant from) {
        return new BrokerSync(broker, orders, orderJournal, sweep, new UpdatingOrderStatus(orders, orderJournal,
                clock), incidents, clock, BrokerSyncSettings.defaults(), from);
    }

    /** Our order, as recorded before the crash. */
    public Order recorded(Order order) {
        orders.save(order);
        return order;
    }

    /** Our position, as recorded before the crash. */
    public void weHold(String symbol, String quantity, String averagePrice) {
        positions.save(Position.opened(Symbol.of(symbol), new BigDecimal(quantity), Price.of(averagePrice),
                BigDecimal.ZERO, BigDecimal.ZERO, Option.none(), OrderBuilder.T0));
    }

    /** The signed quantity we hold, zero if nothing. */
    public BigDecimal ourQuantity(String symbol) {
        return positions.findBySymbol(Symbol.of(symbol)).map(Position::quantity).getOrElse(BigDecimal.ZERO);
    }

    public Order order(Order order) {
        return orders.findById(order.orderId()).get();
    }

    /** The audit lines with this action. */
    public int auditLines(String action) {
        return audit.events().count(e -> e.action().equals(action));
    }
}
