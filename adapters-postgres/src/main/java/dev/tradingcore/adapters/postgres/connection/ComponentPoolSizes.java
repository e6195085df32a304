package dev.tradingcore.adapters.postgres.connection;

/**
 * How many connections each component of the core may hold, after the design's table "Pool Configuration by
 * Component". The components get separate pools so that a burst in one (analytics reports, an audit backlog) cannot
 * take the connections the execution path needs.
 *
 * @param execution the trading path: order saves, the fill journal, position reads and writes (design: 5)
 * @param risk risk snapshots and limit reads (design: 3)
 * @param marketData the quote cache (design: 2)
 * @param audit the background audit logger's batches (design: 2)
 * @param analytics read-only reports, on the replica when one is configured (design: 10)
 */
public record ComponentPoolSizes(int execution, int risk, int marketData, int audit, int analytics) {

    /** The design's sizes: 22 connections in all, well within PostgreSQL's default max_connections of 100. */
    public static final ComponentPoolSizes DESIGN = new ComponentPoolSizes(5, 3, 2, 2, 10);

    public ComponentPoolSizes {
        requirePositive("execution", execution);
        requirePositive("risk", risk);
        requirePositive("marketData", marketData);
        requirePositive("audit", audit);
        requirePositive("analytics", analytics);
    }

    /** The size of one component's pool. */
    public int of(DatabaseComponent component) {
        return switch (component) {
            case EXECUTION -> execution;
            case RISK -> risk;
            case MARKET_DATA -> marketData;
            case AUDIT -> audit;
            case ANALYTICS -> analytics;
        };
    }

    /** The connections all pools together may open, to compare with the server's max_connections. */
    public int total() {
        return execution + risk + marketData + audit + analytics;
    }

    private static void requirePositive(String component, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the " + component + " pool needs at least one connection, got " + size);
        }
    }
}
