package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.state.LedgerIdentity;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.trade.TradeIngest;
import dev.tradingcore.domain.trade.TradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The domain's persistence ports, implemented by the PostgreSQL adapter behind its guard. ({@code DatabaseHealth}
 * is the guard itself, produced by {@link DatabaseProducer}.)
 */
@ApplicationScoped
public class PortsProducer {

    @Produces
    @Singleton
    PositionRepository positions(PostgresPersistence persistence) {
        return persistence.positions();
    }

    @Produces
    @Singleton
    OrderRepository orders(PostgresPersistence persistence) {
        return persistence.orders();
    }

    @Produces
    @Singleton
    OrderJournal orderJournal(PostgresPersistence persistence) {
        return persistence.orderJournal();
    }

    @Produces
    @Singleton
    FillJournal fillJournal(PostgresPersistence persistence) {
        return persistence.fillJournal();
    }

    @Produces
    @Singleton
    PositionCorrections positionCorrections(PostgresPersistence persistence) {
        return persistence.positionCorrections();
    }

    @Produces
    @Singleton
    TradeRepository trades(PostgresPersistence persistence) {
        return persistence.trades();
    }

    @Produces
    @Singleton
    TradeIngest tradeIngest(PostgresPersistence persistence) {
        return persistence.tradeIngest();
    }

    @Produces
    @Singleton
    RiskSnapshotRepository riskSnapshots(PostgresPersistence persistence) {
        return persistence.riskSnapshots();
    }

    @Produces
    @Singleton
    RiskInputs riskInputs(PostgresPersistence persistence) {
        return persistence.riskInputs();
    }

    @Produces
    @Singleton
    SystemStateRepository systemState(PostgresPersistence persistence, Clock clock) {
        return persistence.systemState(clock);
    }

    @Produces
    @Singleton
    LedgerIdentity ledgerIdentity(PostgresPersistence persistence, Clock clock) {
        return persistence.ledgerIdentity(clock);
    }

    @Produces
    @Singleton
    MarketDataRepository marketData(PostgresPersistence persistence) {
        return persistence.marketData();
    }

    @Produces
    @Singleton
    AuditLog auditLog(PostgresPersistence persistence) {
        return persistence.auditLog();
    }
}
