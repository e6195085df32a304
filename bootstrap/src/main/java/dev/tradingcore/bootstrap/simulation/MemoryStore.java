package dev.tradingcore.bootstrap.simulation;

import dev.tradingcore.application.core.CorePorts;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryFillJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.fakes.InMemoryPositionCorrections;
import dev.tradingcore.domain.fakes.InMemoryPositionRepository;
import dev.tradingcore.domain.fakes.InMemoryRiskInputs;
import dev.tradingcore.domain.fakes.InMemoryRiskSnapshotRepository;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fakes.InMemoryTradeRepository;
import dev.tradingcore.domain.fill.FillJournal;
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
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.HashSet;

/** The in-memory ports, held to the PostgreSQL adapter's contracts: thousands of sessions a minute. */
final class MemoryStore implements SimulationStore {

    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryOrderJournal orderJournal = new InMemoryOrderJournal(orders, audit);
    private final InMemoryPositionRepository positions = new InMemoryPositionRepository();
    private final InMemoryTradeRepository trades = new InMemoryTradeRepository();
    private final InMemoryFillJournal fills = new InMemoryFillJournal(positions, orders, trades, audit);
    private final InMemoryPositionCorrections corrections = new InMemoryPositionCorrections(positions, audit);
    private final InMemorySystemStateRepository state = new InMemorySystemStateRepository();
    private final InMemoryRiskSnapshotRepository snapshots = new InMemoryRiskSnapshotRepository();
    private final InMemoryRiskInputs riskInputs = new InMemoryRiskInputs(positions, snapshots);

    @Override
    public CorePorts ports(BrokerGateway broker, AlertSink alerts, CrashPlan crash) {
        return new CorePorts(crash.wrap(OrderJournal.class, orderJournal), crash.wrap(OrderRepository.class, orders),
                crash.wrap(FillJournal.class, fills), crash.wrap(PositionRepository.class, positions),
                crash.wrap(PositionCorrections.class, corrections), crash.wrap(TradeRepository.class, trades),
                crash.wrap(SystemStateRepository.class, state), crash.wrap(RiskInputs.class, riskInputs),
                crash.wrap(RiskSnapshotRepository.class, snapshots), crash.wrap(AuditLog.class, audit), broker,
                alerts, DatabaseHealth.alwaysAvailable());
    }

    @Override
    public Contents contents() {
        return new Contents(orders.findByStatuses(HashSet.of(OrderStatus.values())), trades.all(), positions.findAll(),
                audit.events());
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
