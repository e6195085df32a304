package dev.tradingcore.domain.port;

import java.util.List;

/** How busy the core's connection pools are now. */
@FunctionalInterface
public interface PoolUsage {

    /** One pool's occupancy: connections lent out, idle, open, threads waiting, and its maximum. */
    record Pool(String name, int active, int idle, int total, int waiting, int maximum) {}

    /** Every pool of the core, now. */
    List<Pool> now();
}
