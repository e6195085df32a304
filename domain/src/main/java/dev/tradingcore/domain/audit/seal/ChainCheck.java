package dev.tradingcore.domain.audit.seal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Walks the blocks in number order and checks the chain: numbers 1, 2, 3... with no gap, each block's hash
 * recomputed from its header, each previous hash equal to the block before's, and, given a digest kept elsewhere,
 * the digest's block still hashing to it. Blocks come one at a time (a long chain is never held whole).
 */
public final class ChainCheck {

    private final Optional<AuditDigest> digest;
    private final List<Finding> findings = new ArrayList<>();
    private SealedBlock previous;
    private boolean digestSeen;
    private long blocks;

    public ChainCheck(Optional<AuditDigest> digest) {
        this.digest = digest;
    }

    public void block(SealedBlock block) {
        blocks++;
        long expected = previous == null ? 1 : previous.number() + 1;
        if (block.number() != expected) {
            add(block, "block " + expected + (block.number() > expected + 1 ? " to " + (block.number() - 1) : "")
                    + " missing: the chain goes from " + (previous == null ? "its start" : "block "
                    + previous.number()) + " to block " + block.number());
        }
        if (!block.hashMatches()) {
            add(block, "block " + block.number() + " was rewritten: its stored hash " + Sha256.hex(block.blockHash())
                    + " is not the hash of its contents " + Sha256.hex(block.computedHash()));
        }
        byte[] expectedPrevious = previous == null ? SealedBlock.GENESIS : previous.blockHash();
        if (block.number() == expected && !Arrays.equals(block.previousHash(), expectedPrevious)) {
            add(block, "block " + block.number() + " does not follow block " + (block.number() - 1) + ": its previous"
                    + " hash " + Sha256.hex(block.previousHash()) + " is not block " + (block.number() - 1) + "'s "
                    + Sha256.hex(expectedPrevious));
        }
        if (digest.isPresent() && block.number() == digest.get().blockNumber()) {
            digestSeen = true;
            String recomputed = Sha256.hex(block.computedHash());
            if (!recomputed.equals(digest.get().hash()) || !Sha256.hex(block.blockHash()).equals(digest.get().hash())) {
                add(block, "block " + block.number() + " does not match the digest " + digest.get()
                        + ": it hashes to " + recomputed + " now");
            }
        }
        previous = block;
    }

    private void add(SealedBlock block, String message) {
        findings.add(new Finding(block.number(), -1, block.number(), message));
    }

    /** Call after the last block; the findings, in chain order. */
    public List<Finding> finish() {
        if (digest.isPresent() && !digestSeen) {
            findings.add(new Finding(digest.get().blockNumber(), -1, digest.get().blockNumber(), "block "
                    + digest.get().blockNumber() + " of the digest " + digest.get() + " is not in the chain (newest: "
                    + (previous == null ? "no block at all" : "block " + previous.number()) + ")"));
        }
        return List.copyOf(findings);
    }

    public long blocks() {
        return blocks;
    }

    public Optional<SealedBlock> newest() {
        return Optional.ofNullable(previous);
    }
}
