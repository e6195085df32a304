package dev.tradingcore.application.core;

import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.trade.TradeRepository;

/**
 * Every outbound port the core's use cases need: the store (PostgreSQL in production, memory in the simulator), the
 * broker, the alert channel and the database's health.
 */
public record CorePorts(
        OrderJournal orderJournal,
        OrderRepository orders,
        FillJournal fillJournal,
        PositionRepository positions,
        PositionCorrections corrections,
        TradeRepository trades,
        SystemStateRepository systemState,
        RiskInputs riskInputs,
        RiskSnapshotRepository riskSnapshots,
        AuditLog auditLog,
        BrokerGateway broker,
        AlertSink alerts,
        DatabaseHealth database) {

    public CorePorts {
        if (orderJournal == null || orders == null || fillJournal == null || positions == null || corrections == null
                || trades == null || systemState == null || riskInputs == null || riskSnapshots == null
                || auditLog == null || broker == null || alerts == null || database == null) {
            throw new IllegalArgumentException("the core needs every port");
        }
    }
}
