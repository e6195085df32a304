package dev.tradingcore.domain.audit.seal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sealed block of audit rows: the Merkle root over its rows (ordered by id) and the hash of the block before it.
 * Its own hash is SHA-256 of the UTF-8 bytes of {@link #header()}, so changing any field, or any row under the
 * root, changes every hash after it.
 *
 * @param number 1, 2, 3... with no gap
 * @param previousHash the previous block's hash; 32 zero bytes for block 1
 * @param rowIds exactly the row ids under the root
 * @param period the UTC month of every row of the block (blocks never straddle a month: retention retires months)
 * @param firstTime the earliest row timestamp of the block
 * @param lastTime the latest row timestamp of the block
 * @param sealedAt when the block was sealed (microseconds)
 * @param settledBelow every row with a lower id is sealed in this block or before
 * @param blockHash the hash as stored; {@link #computedHash()} is what it must be
 */
public record SealedBlock(long number, byte[] previousHash, byte[] merkleRoot, IdRanges rowIds, int rowCount,
        YearMonth period, Instant firstTime, Instant lastTime, Instant sealedAt, long settledBelow,
        byte[] blockHash) {

    /** The previous hash of block 1. */
    public static final byte[] GENESIS = new byte[Sha256.LENGTH];

    /** A new block, its hash computed; times cut to microseconds as the database keeps them. */
    public static SealedBlock seal(long number, byte[] previousHash, byte[] merkleRoot, IdRanges rowIds,
            YearMonth period, Instant firstTime, Instant lastTime, Instant sealedAt, long settledBelow) {
        SealedBlock draft = new SealedBlock(number, previousHash, merkleRoot, rowIds, (int) rowIds.count(), period,
                micros(firstTime), micros(lastTime), micros(sealedAt), settledBelow, GENESIS);
        return draft.withHash(draft.computedHash());
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public SealedBlock withHash(byte[] hash) {
        return new SealedBlock(number, previousHash, merkleRoot, rowIds, rowCount, period, firstTime, lastTime,
                sealedAt, settledBelow, hash);
    }

    public long firstId() {
        return rowIds.first();
    }

    public long lastId() {
        return rowIds.last();
    }

    /**
     * The canonical header the hash is taken over: the canonical JSON of {@code block, first_id, first_time,
     * last_id, last_time, merkle_root, period, previous_hash, row_count, row_ids, sealed_at, settled_below}; hashes
     * in lower-case hex, times as rows write them, the period {@code YYYY-MM}, row ids as PostgreSQL prints the
     * multirange.
     */
    public String header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("block", number);
        h.put("first_id", firstId());
        h.put("first_time", CanonicalRow.timestamp(firstTime));
        h.put("last_id", lastId());
        h.put("last_time", CanonicalRow.timestamp(lastTime));
        h.put("merkle_root", Sha256.hex(merkleRoot));
        h.put("period", period.toString());
        h.put("previous_hash", Sha256.hex(previousHash));
        h.put("row_count", rowCount);
        h.put("row_ids", rowIds.text());
        h.put("sealed_at", CanonicalRow.timestamp(sealedAt));
        h.put("settled_below", settledBelow);
        return CanonicalJson.write(h);
    }

    public byte[] computedHash() {
        return Sha256.digest().digest(header().getBytes(StandardCharsets.UTF_8));
    }

    public boolean hashMatches() {
        return Arrays.equals(blockHash, computedHash());
    }

    public AuditDigest digest() {
        return new AuditDigest(number, Sha256.hex(blockHash));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedBlock b && b.number == number && Arrays.equals(b.blockHash, blockHash)
                && b.header().equals(header());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + Arrays.hashCode(blockHash);
    }

    @Override
    public String toString() {
        return "block " + number + " " + Sha256.hex(blockHash);
    }
}
