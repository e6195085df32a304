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
 * average: a pool busy for a whole interval will be seen, a burst between two ticks will not. Once over, a pool is
 * marginal (its incident stays open) until it is at or under the resolve level ({@link Hysteresis}: 72 % for 80 %).
 */
public final class PoolUtilizationCheck implements HealthCheck {

    private final Supplier<List<PoolUsage.Pool>> pools;
    private final int thresholdPercent;
    private final int marginPercent;

    /** With the design's resolve margin ({@link Hysteresis#DESIGN}). */
    public PoolUtilizationCheck(Supplier<List<PoolUsage.Pool>> pools, int thresholdPercent) {
        this(pools, thresholdPercent, Hysteresis.DESIGN);
    }

    public PoolUtilizationCheck(Supplier<List<PoolUsage.Pool>> pools, int thresholdPercent, Hysteresis hysteresis) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.thresholdPercent = thresholdPercent;
        this.marginPercent = hysteresis.resolveMarginPercent();
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
            boolean over = pool.maximum() > 0
                    && (long) pool.active() * 100 > (long) thresholdPercent * pool.maximum();
            // Above the resolve level, threshold x (100 - margin) %, in hundredths of a percent to stay exact.
            boolean marginal = !over && pool.maximum() > 0
                    && (long) pool.active() * 100 * 100
                            > (long) thresholdPercent * (100 - marginPercent) * pool.maximum();
            if (over || marginal) {
                long percent = (long) pool.active() * 100 / pool.maximum();
                Condition condition = Condition.of("pool:" + pool.name(), AlertSeverity.WARNING,
                        "Connection pool " + pool.name() + " above " + thresholdPercent + " %",
                        "The " + pool.name() + " pool has " + pool.active() + " of its " + pool.maximum()
                                + " connections lent out (" + percent + " %), " + pool.waiting()
                                + " thread(s) waiting; threshold " + thresholdPercent + " %.",
                        "pool", pool.name(), "active", Integer.toString(pool.active()), "maximum",
                        Integer.toString(pool.maximum()), "waiting", Integer.toString(pool.waiting()));
                found.add(over ? condition : condition.asMarginal());
            }
        }
        return found;
    }
}
