package dev.tradingcore.domain.risk;

import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import java.time.Instant;

/**
 * What a risk snapshot is computed from, read as one consistent view of the store (the design runs risk snapshots
 * at REPEATABLE READ): the positions, and the earlier snapshots whose portfolio values make the equity series for
 * drawdown and value at risk. A fill committing during the read is either wholly in it or wholly out.
 */
public interface RiskInputs {

    /** @param historySince the oldest earlier snapshot to include */
    Portfolio read(Instant historySince);

    /**
     * @param positions every position, flat ones included
     * @param history earlier snapshots since the requested instant, oldest first
     */
    record Portfolio(List<Position> positions, List<RiskSnapshot> history) {

        public Portfolio {
            if (positions == null || history == null) {
                throw new IllegalArgumentException("a portfolio read needs positions and history (may be empty)");
            }
        }
    }
}
