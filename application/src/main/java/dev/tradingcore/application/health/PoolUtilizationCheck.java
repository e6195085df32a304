package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.PoolUsage;
import dev.tradingcore.domain.port.AlertSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The design's "connection pool > 80 % utilized" (warning), per component pool: connections lent out at the tick,
 * against the pool's maximum (a pool of 5 is above 80 % with all 5 lent out). A sample at each tick, not an
 * average: a pool busy for a whole interval will be seen, a burst between two ticks will not.
 */
public final class PoolUtilizationCheck implements HealthCheck {

    private final Supplier<List<PoolUsage.Pool>> pools;
    private final int thresholdPercent;

    public PoolUtilizationCheck(Supplier<List<PoolUsage.Pool>> pools, int thresholdPercent) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.thresholdPercent = thresholdPercent;
    }

    @Override
    public String name() {
        return "pool-utilization";
    }

    @Override
    public boolean needsDatabase() {
        return false;
    }

    @Override
    public List<Condition> check() {
        List<Condition> found = new ArrayList<>();
        for (PoolUsage.Pool pool : pools.get()) {
            if (pool.maximum() > 0 && (long) pool.active() * 100 > (long) thresholdPercent * pool.maximum()) {
                long percent = (long) pool.active() * 100 / pool.maximum();
                found.add(Condition.of("pool:" + pool.name(), AlertSeverity.WARNING,
                        "Connection pool " + pool.name() + " above " + thresholdPercent + " %",
                        "The " + pool.name() + " pool has " + pool.active() + " of its " + pool.maximum()
                                + " connections lent out (" + percent + " %), " + pool.waiting()
                                + " thread(s) waiting; threshold " + thresholdPercent + " %.",
                        "pool", pool.name(), "active", Integer.toString(pool.active()), "maximum",
                        Integer.toString(pool.maximum()), "waiting", Integer.toString(pool.waiting())));
            }
        }
        return found;
    }
}
