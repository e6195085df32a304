package dev.tradingcore.adapters.postgres.connection;

/** A part of the core that gets its own connection pool. */
public enum DatabaseComponent {
    EXECUTION("execution", false),
    RISK("risk", false),
    MARKET_DATA("market-data", false),
    AUDIT("audit", false),
    /** Reports and other reads that may be slightly behind: read-only, on the replica when there is one. */
    ANALYTICS("analytics", true);

    private final String poolName;
    private final boolean readOnly;

    DatabaseComponent(String poolName, boolean readOnly) {
        this.poolName = poolName;
        this.readOnly = readOnly;
    }

    /** The pool's name in metrics and in {@code pg_stat_activity.application_name} ("trading-core/execution"). */
    public String poolName() {
        return poolName;
    }

    public boolean readOnly() {
        return readOnly;
    }
}
