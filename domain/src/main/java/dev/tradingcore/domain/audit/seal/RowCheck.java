package dev.tradingcore.domain.audit.seal;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Recomputes the Merkle roots of blocks from the rows the log holds now. Rows come one at a time in ascending id
 * order, each as its id and leaf hash; each goes to the block whose {@code row_ids} hold it, and a block is settled
 * as soon as the rows have passed its last id, so memory holds only blocks still open.
 *
 * <p>What it reports: a row of a block that is gone (deleted, or its partition truncated), a block whose rows no
 * longer hash to its root (a row edited, or two rows' contents swapped), an id held twice, and a row no block holds
 * though it lies below the sealed horizon (inserted after sealing; rows above it are merely not sealed yet). A block
 * whose rows are all gone and whose month ended before the retention cutoff was retired by retention, not tampered
 * with: it is listed, and the chain through it still verifies.
 */
public final class RowCheck {

    /** How long audit partitions are kept (migration V3's policy): older months may be gone. */
    public static final java.time.Period RETENTION = java.time.Period.ofYears(2);

    private final TreeMap<Long, Owner> byRangeStart = new TreeMap<>();
    private final PriorityQueue<Owner> open = new PriorityQueue<>((a, b) -> Long.compare(a.block.lastId(),
            b.block.lastId()));
    private final long sealedBelow;
    private final Instant retentionCutoff;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<YearMonth, long[]> retired = new TreeMap<>();
    private long previousId = Long.MIN_VALUE;
    private long rows;
    private long pending;
    private long blocksChecked;

    /**
     * @param checked the blocks whose roots to recompute (every row of their ids is expected in the stream)
     * @param known the other blocks whose ids the stream may hold (their rows are accounted for, not checked)
     * @param sealedBelow the newest block's settled_below: a row under it in no block was inserted after sealing
     * @param retentionCutoff months that ended before it may have been removed by retention
     */
    public RowCheck(Collection<SealedBlock> checked, Collection<SealedBlock> known, long sealedBelow,
            Instant retentionCutoff) {
        this.sealedBelow = sealedBelow;
        this.retentionCutoff = retentionCutoff;
        for (SealedBlock b : known) {
            index(new Owner(b, false));
        }
        for (SealedBlock b : checked) {
            Owner owner = new Owner(b, true);
            index(owner);
            open.add(owner);
        }
    }

    private void index(Owner owner) {
        for (long[] r : owner.block.rowIds().ranges()) {
            byRangeStart.put(r[0], owner);
        }
    }

    /** The next row, in ascending id order. */
    public void row(long id, byte[] leafHash) {
        rows++;
        while (!open.isEmpty() && open.peek().block.lastId() < id) {
            settle(open.poll());
        }
        if (id == previousId) {
            findings.add(new Finding(0, id, id, "row " + id + " is in the log more than once (a row was inserted"
                    + " with an id already sealed)"));
            return;
        }
        if (id < previousId) {
            throw new IllegalArgumentException("rows must come in ascending id order: " + id + " after " + previousId);
        }
        previousId = id;
        Map.Entry<Long, Owner> entry = byRangeStart.floorEntry(id);
        Owner owner = entry == null ? null : entry.getValue();
        if (owner == null || !owner.block.rowIds().contains(id)) {
            if (id < sealedBelow) {
                findings.add(new Finding(0, id, id, "row " + id + " is in no sealed block though every row below "
                        + sealedBelow + " was sealed: it was inserted after sealing"));
            } else {
                pending++;
            }
            return;
        }
        if (owner.checked) {
            owner.add(id, leafHash);
        }
    }

    /** Call after the last row: settles every block still open; the findings in log order. */
    public List<Finding> finish() {
        while (!open.isEmpty()) {
            settle(open.poll());
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(null);
        return sorted;
    }

    private void settle(Owner owner) {
        SealedBlock b = owner.block;
        blocksChecked++;
        if (owner.count == 0 && retiredByRetention(b.period())) {
            retired.merge(b.period(), new long[] {b.number(), b.number(), b.rowCount()},
                    (a, n) -> new long[] {Math.min(a[0], n[0]), Math.max(a[1], n[1]), a[2] + n[2]});
            return;
        }
        if (owner.count == 0) {
            findings.add(new Finding(b.number(), b.firstId(), b.firstId(), "block " + b.number() + ": all its "
                    + b.rowCount() + " rows (ids " + b.rowIds() + ", " + b.period() + ") are gone from the log"));
            return;
        }
        if (owner.count < b.rowCount()) {
            long missing = firstMissing(b.rowIds(), Arrays.copyOf(owner.ids, owner.count));
            findings.add(new Finding(b.number(), missing, missing, "row " + missing + " of block " + b.number()
                    + " is gone from the log (" + (b.rowCount() - owner.count) + " of the block's " + b.rowCount()
                    + " rows missing)"));
            return;
        }
        byte[] root = MerkleTree.root(owner.leaves.subList(0, owner.count));
        if (!Arrays.equals(root, b.merkleRoot())) {
            findings.add(new Finding(b.number(), -1, b.firstId(), "block " + b.number() + ": its rows (ids "
                    + b.rowIds() + ") no longer hash to its Merkle root: a row was changed or rows were swapped"
                    + " (root now " + Sha256.hex(root) + ", sealed " + Sha256.hex(b.merkleRoot()) + ")"));
        }
    }

    private boolean retiredByRetention(YearMonth period) {
        Instant monthEnd = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return !monthEnd.isAfter(retentionCutoff);
    }

    private static long firstMissing(IdRanges expected, long[] seen) {
        int i = 0;
        for (long[] r : expected.ranges()) {
            for (long id = r[0]; id < r[1]; id++) {
                if (i < seen.length && seen[i] == id) {
                    i++;
                } else {
                    return id;
                }
            }
        }
        return expected.last();
    }

    public long rows() {
        return rows;
    }

    /** Rows above the sealed horizon that no block holds yet: the sealer has not reached them. */
    public long pending() {
        return pending;
    }

    public long blocksChecked() {
        return blocksChecked;
    }

    /** The months retention removed, each with its first and last block and the rows they held. */
    public List<RetiredMonth> retired() {
        List<RetiredMonth> out = new ArrayList<>();
        retired.forEach((month, v) -> out.add(new RetiredMonth(month, v[0], v[1], v[2])));
        return out;
    }

    /** A month of rows retention removed: its blocks stay in the chain. */
    public record RetiredMonth(YearMonth month, long firstBlock, long lastBlock, long rows) {}

    /** The rows seen so far of one block. */
    private static final class Owner {
        final SealedBlock block;
        final boolean checked;
        long[] ids = new long[0];
        List<byte[]> leaves = new ArrayList<>();
        int count;

        Owner(SealedBlock block, boolean checked) {
            this.block = block;
            this.checked = checked;
        }

        void add(long id, byte[] leaf) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, Math.max(16, Math.min(block.rowCount(), count * 2 + 16)));
            }
            if (count < ids.length) {
                ids[count] = id;
            }
            leaves.add(leaf);
            count++;
        }
    }
}
