package dev.tradingcore.adapters.postgres;

import dev.tradingcore.adapters.postgres.audit.AuditTrail;
import dev.tradingcore.adapters.postgres.audit.PostgresAudit;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.marketdata.PostgresMarketData;
import dev.tradingcore.adapters.postgres.mybatis.SessionFactories;
import dev.tradingcore.adapters.postgres.order.PostgresOrders;
import dev.tradingcore.adapters.postgres.position.PostgresPositions;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.resilience.Guarded;
import dev.tradingcore.adapters.postgres.resilience.RetryPolicy;
import dev.tradingcore.adapters.postgres.risk.PostgresRiskSnapshots;
import dev.tradingcore.adapters.postgres.state.PostgresSystemState;
import dev.tradingcore.adapters.postgres.trade.PostgresTrades;
import dev.tradingcore.adapters.postgres.trade.TradeCopyIngest;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.adapters.postgres.fill.PostgresFills;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.trade.TradeIngest;
import dev.tradingcore.domain.trade.TradeRepository;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The PostgreSQL adapter seen from outside: given the pools, it hands out the implementations of the domain's
 * persistence ports. Bootstrap wires these into CDI; tests build one over a test database. The implementations
 * themselves stay package-private.
 */
public final class PostgresPersistence {

    /**
     * The order journal's retries: placing is idempotent (the same order placed again writes nothing), so a placing
     * whose COMMIT answer was lost is retried and finds its order; a change is not retried (after a lost answer a
     * second run would add a second audit line).
     */
    public static final RetryPolicy ORDER_JOURNAL_RETRY = RetryPolicy.only("place");

    private final SqlSessionFactory sessions;
    private final SqlSessionFactory riskSessions;
    private final SqlSessionFactory marketDataSessions;
    private final SqlSessionFactory auditSessions;
    /** Reads that may be slightly behind (audit search): the replica while it is healthy. */
    private final SqlSessionFactory analyticsSessions;
    /**
     * The write the guard's probe makes before it says the database is back: an audit line saying so. A database
     * whose disk is full or that turned read-only still answers a validity check; only a write shows it can keep the
     * books again. It is written once per probe, and probes run only while the breaker is half-open.
     */
    public static final String WRITE_PROBE = "INSERT INTO audit_log (component, action, details, severity) VALUES"
            + " ('database', 'database_probe', '{\"reason\": \"the guard checks that the database takes writes"
            + " again after an outage\"}', 'info')";

    private final Optional<DatabaseGuard> guard;
    /** One combining journal per facade: its single writer is what batches the fills of every caller. */
    private final FillJournal fillJournal;

    /**
     * Unguarded ports, for tests and one-shot tools: failures reach the caller as the driver raised them.
     *
     * @param primary the pool of the trading path (reads and writes on the primary)
     */
    public PostgresPersistence(DataSource primary) {
        this.sessions = SessionFactories.create("primary", primary, Mappers.ALL);
        this.riskSessions = sessions;
        this.marketDataSessions = sessions;
        this.auditSessions = sessions;
        this.analyticsSessions = sessions;
        this.guard = Optional.empty();
        this.fillJournal = PostgresFills.combining(sessions);
    }

    /**
     * Ports whose every call runs through {@code guard}: connection failures become {@code StoreUnavailableException}
     * and count towards its circuit breaker, reads and idempotent writes are retried (see each accessor).
     */
    public PostgresPersistence(DataSource primary, DatabaseGuard guard) {
        this.sessions = SessionFactories.create("primary", primary, Mappers.ALL);
        this.riskSessions = sessions;
        this.marketDataSessions = sessions;
        this.auditSessions = sessions;
        this.analyticsSessions = sessions;
        this.guard = Optional.of(Objects.requireNonNull(guard, "guard"));
        this.fillJournal = PostgresFills.combining(sessions);
    }

    /**
     * The core's facade: each component's ports on that component's pool (the design's table), so that a backlog in
     * one (audit batches, market data) cannot take the connections of the trading path, and every call guarded.
     * Execution: positions, orders, the order and fill journals, trades, system state, the bulk ingest. Risk: risk
     * inputs and snapshots. Market data: quotes. Audit: the audit log and trail.
     */
    public PostgresPersistence(DatabasePools pools, DatabaseGuard guard) {
        this.sessions = SessionFactories.create("execution", pools.execution(), Mappers.ALL);
        this.riskSessions = SessionFactories.create("risk", pools.risk(), Mappers.ALL);
        this.marketDataSessions = SessionFactories.create("market-data", pools.marketData(), Mappers.ALL);
        this.auditSessions = SessionFactories.create("audit", pools.audit(), Mappers.ALL);
        this.analyticsSessions = SessionFactories.create("analytics", pools.analytics(), Mappers.ALL);
        this.guard = Optional.of(Objects.requireNonNull(guard, "guard"));
        this.fillJournal = PostgresFills.combining(sessions);
    }

    /** {@code implementation} behind the guard, if this facade has one. */
    private <T> T guarded(Class<T> port, T implementation, RetryPolicy retry) {
        return guard.map(g -> Guarded.of(port, implementation, g, retry)).orElse(implementation);
    }

    /** The MyBatis sessions over the primary, for adapters of this module. */
    public SqlSessionFactory sessions() {
        return sessions;
    }

    public PositionRepository positions() {
        // Saves write the whole position: a second run stores the same content (the version counts the run).
        return guarded(PositionRepository.class, PostgresPositions.repository(sessions), RetryPolicy.always());
    }

    /** Reconciliation's corrections and their audit lines in one transaction, refused if a symbol moved on. */
    public PositionCorrections positionCorrections() {
        // Retried: every row is checked against the version the correction was computed from, so a second run after
        // a lost commit acknowledgement is refused as stale and writes nothing (the caller compares again).
        return guarded(PositionCorrections.class, PostgresPositions.corrections(sessions), RetryPolicy.always());
    }

    /** Orders and their changes with their audit lines, each in one transaction on the locked row. */
    public OrderJournal orderJournal() {
        return guarded(OrderJournal.class, PostgresOrders.journal(sessions), ORDER_JOURNAL_RETRY);
    }

    /**
     * Fills: trade, position, order and audit line, exactly once per trade id; concurrent fills are write-combined
     * into one transaction (each answered after its commit), a fill refused or replayed affects only itself.
     */
    public FillJournal fillJournal() {
        // Retried: idempotent on the trade id, a replay is reported as a duplicate and changes nothing. A failed batch
        // fails each of its callers, and each caller's retry queues its fill again.
        return guarded(FillJournal.class, fillJournal, RetryPolicy.always());
    }

    /** What the fill journal's batches were so far (sizes, round trips, writer CPU), for the bench. */
    public dev.tradingcore.adapters.postgres.fill.FillBatchStatistics fillBatchStatistics() {
        return PostgresFills.statistics(fillJournal).orElseThrow();
    }

    public OrderRepository orders() {
        // Reads, and saves that are upserts of the whole order.
        return guarded(OrderRepository.class, PostgresOrders.repository(sessions), RetryPolicy.always());
    }

    /** Reads of trades; trades are written by the fill journal and the bulk ingest. */
    public TradeRepository trades() {
        return guarded(TradeRepository.class, PostgresTrades.repository(sessions), RetryPolicy.always());
    }

    /** What a risk snapshot is computed from, read in one REPEATABLE READ transaction. */
    public RiskInputs riskInputs() {
        // Reads only.
        return guarded(RiskInputs.class, PostgresRiskSnapshots.inputs(riskSessions), RetryPolicy.always());
    }

    public RiskSnapshotRepository riskSnapshots() {
        // A snapshot save is an insert: a second run could store it twice.
        return guarded(RiskSnapshotRepository.class, PostgresRiskSnapshots.repository(riskSessions),
                RetryPolicy.allBut("save"));
    }

    /** @param clock gives {@code system_state.updated_at} of every write */
    public SystemStateRepository systemState(Clock clock) {
        // Reads, and saves that are upserts of one key.
        return guarded(SystemStateRepository.class, PostgresSystemState.repository(sessions, clock),
                RetryPolicy.always());
    }

    /**
     * Which ledger this database holds and which broker account it follows.
     *
     * @param clock gives {@code system_state.updated_at} of every write
     */
    public dev.tradingcore.domain.state.LedgerIdentity ledgerIdentity(Clock clock) {
        // The id is claimed idempotently; a binding writes an audit line, which a second run would write twice.
        return guarded(dev.tradingcore.domain.state.LedgerIdentity.class,
                PostgresSystemState.ledgerIdentity(sessions, clock), RetryPolicy.allBut("bind"));
    }

    public MarketDataRepository marketData() {
        // Reads and upserts.
        return guarded(MarketDataRepository.class, PostgresMarketData.repository(marketDataSessions),
                RetryPolicy.always());
    }

    /**
     * Bulk ingest of historical trades (COPY in chunks of 10,000, one transaction each); not for live fills, and
     * positions are not touched. Give it its own facade over a bulk pool to keep it off the trading path's pool.
     */
    public TradeIngest tradeIngest() {
        // Not retried: the input may be a one-shot iterable. Running the same ingest again is safe: replays are
        // skipped and counted as duplicates.
        return guarded(TradeIngest.class,
                new TradeCopyIngest(sessions.getConfiguration().getEnvironment().getDataSource()),
                RetryPolicy.never());
    }

    /** The synchronous audit log: each call writes (one transaction) before it returns. */
    public AuditLog auditLog() {
        // Appends are not retried (a second run after a lost commit acknowledgement would write the event twice),
        // except batches under their id: a retry of a committed batch writes nothing.
        return guarded(AuditLog.class, PostgresAudit.log(auditSessions), RetryPolicy.only("appendBatch"));
    }

    /**
     * Reads of the audit trail (the events of one order): an analytics read, on the replica while it is healthy (so
     * an event appended a moment ago may not show yet), on the primary otherwise.
     */
    public AuditTrail auditTrail() {
        return PostgresAudit.trail(analyticsSessions);
    }
}
