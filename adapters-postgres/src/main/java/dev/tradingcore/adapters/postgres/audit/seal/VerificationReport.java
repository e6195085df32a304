package dev.tradingcore.adapters.postgres.audit.seal;

import dev.tradingcore.domain.audit.seal.Finding;
import dev.tradingcore.domain.audit.seal.RowCheck.RetiredMonth;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a verification found.
 *
 * @param findings every mismatch, first in log order first (chain findings before rows); empty when intact
 * @param blocks blocks in the chain walked
 * @param blocksChecked blocks whose rows were recomputed
 * @param rows rows read and hashed
 * @param pending rows newer than the sealed horizon that no block holds yet
 * @param retired months that retention removed, their blocks still in the chain
 * @param newest the newest block, when there is one
 * @param took how long it took
 */
public record VerificationReport(List<Finding> findings, long blocks, long blocksChecked, long rows, long pending,
        List<RetiredMonth> retired, Optional<SealedBlock> newest, Duration took) {

    public boolean intact() {
        return findings.isEmpty();
    }

    /** Rows read and hashed per second. */
    public long rowsPerSecond() {
        long millis = Math.max(1, took.toMillis());
        return rows * 1000 / millis;
    }
}
