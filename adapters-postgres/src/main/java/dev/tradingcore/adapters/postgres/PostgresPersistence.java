package dev.tradingcore.adapters.postgres;

import dev.tradingcore.adapters.postgres.audit.AuditTrail;
import dev.tradingcore.adapters.postgres.audit.PostgresAudit;
import dev.tradingcore.adapters.postgres.marketdata.PostgresMarketData;
import dev.tradingcore.adapters.postgres.mybatis.Mappers;
import dev.tradingcore.adapters.postgres.mybatis.SessionFactories;
import dev.tradingcore.adapters.postgres.order.PostgresOrders;
import dev.tradingcore.adapters.postgres.position.PostgresPositions;
import dev.tradingcore.adapters.postgres.risk.PostgresRiskSnapshots;
import dev.tradingcore.adapters.postgres.state.PostgresSystemState;
import dev.tradingcore.adapters.postgres.trade.PostgresTrades;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.adapters.postgres.fill.PostgresFills;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.trade.TradeRepository;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The PostgreSQL adapter seen from outside: given the pools, it hands out the implementations of the domain's
 * persistence ports. Bootstrap wires these into CDI; tests build one over a test database. The implementations
 * themselves stay package-private.
 */
public final class PostgresPersistence {

    private final SqlSessionFactory sessions;

    /** @param primary the pool of the trading path (reads and writes on the primary) */
    public PostgresPersistence(DataSource primary) {
        this.sessions = SessionFactories.create("primary", primary, Mappers.ALL);
    }

    /** The MyBatis sessions over the primary, for adapters of this module. */
    public SqlSessionFactory sessions() {
        return sessions;
    }

    public PositionRepository positions() {
        return PostgresPositions.repository(sessions);
    }

    /** Orders and their changes with their audit lines, each in one transaction on the locked row. */
    public OrderJournal orderJournal() {
        return PostgresOrders.journal(sessions);
    }

    /** Fills: trade, position, order and audit line in one transaction, exactly once per trade id. */
    public FillJournal fillJournal() {
        return PostgresFills.journal(sessions);
    }

    public OrderRepository orders() {
        return PostgresOrders.repository(sessions);
    }

    /** Reads of trades; trades are written by the fill journal and the bulk ingest. */
    public TradeRepository trades() {
        return PostgresTrades.repository(sessions);
    }

    public RiskSnapshotRepository riskSnapshots() {
        return PostgresRiskSnapshots.repository(sessions);
    }

    /** @param clock gives {@code system_state.updated_at} of every write */
    public SystemStateRepository systemState(Clock clock) {
        return PostgresSystemState.repository(sessions, clock);
    }

    public MarketDataRepository marketData() {
        return PostgresMarketData.repository(sessions);
    }

    /** The synchronous audit log: each call writes (one transaction) before it returns. */
    public AuditLog auditLog() {
        return PostgresAudit.log(sessions);
    }

    /** Reads of the audit trail (the events of one order). */
    public AuditTrail auditTrail() {
        return PostgresAudit.trail(sessions);
    }
}
