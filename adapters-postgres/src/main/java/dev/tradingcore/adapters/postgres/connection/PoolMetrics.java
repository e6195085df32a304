package dev.tradingcore.adapters.postgres.connection;

/**
 * One pool's occupancy at one moment, for {@code status} and monitoring.
 *
 * @param pool the pool's name ("execution", "analytics", ...)
 * @param active connections lent out right now
 * @param idle connections open and waiting in the pool
 * @param total open connections (active + idle)
 * @param waiting threads waiting for a connection; persistently above zero means the pool is too small or the
 *     database too slow
 * @param maximum the most connections the pool may open
 */
public record PoolMetrics(String pool, int active, int idle, int total, int waiting, int maximum) {

    /** Whether every connection is lent out and someone waits: the sign of a starved component. */
    public boolean saturated() {
        return waiting > 0 && active >= maximum;
    }
}
