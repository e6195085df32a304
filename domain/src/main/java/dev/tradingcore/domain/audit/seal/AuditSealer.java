package dev.tradingcore.domain.audit.seal;

import java.util.List;
import java.util.Optional;

/**
 * Seals the audit rows committed since the last block into new blocks (port; the PostgreSQL adapter implements it).
 * One sealer at a time per database; a second caller seals nothing and returns at once.
 */
public interface AuditSealer {

    /** Seals what is pending; the blocks appended now, oldest first (none when nothing was pending or busy). */
    List<SealedBlock> sealPending();

    /** The newest block's digest, to keep elsewhere; empty before the first block. */
    Optional<AuditDigest> newestDigest();
}
