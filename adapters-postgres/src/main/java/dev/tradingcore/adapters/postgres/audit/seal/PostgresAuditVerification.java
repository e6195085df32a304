package dev.tradingcore.adapters.postgres.audit.seal;

import dev.tradingcore.domain.audit.seal.AuditDigest;
import dev.tradingcore.domain.audit.seal.ChainCheck;
import dev.tradingcore.domain.audit.seal.Finding;
import dev.tradingcore.domain.audit.seal.RowCheck;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code audit verify} on the database: in one REPEATABLE READ READ ONLY transaction (one consistent picture while
 * the sealer keeps appending), walks the whole chain of blocks ({@link ChainCheck}), then streams the rows of the
 * blocks asked for in id order, recomputing each row's leaf and each block's root ({@link RowCheck}).
 *
 * <p>Which blocks: all of them by default; with {@code from}/{@code to}, the blocks holding rows of that time
 * range; with a digest, the blocks up to the digest's (within the range, if one is given too). The chain is
 * always walked whole: it is what ties a block to the newest one, and to the digest.
 */
public final class PostgresAuditVerification {

    private final DataSource dataSource;

    public PostgresAuditVerification(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * @param now the verifier's clock: retention may only have removed months that ended two years before the
     *     earlier of it and the newest block
     */
    public VerificationReport verify(Optional<Instant> from, Optional<Instant> to, Optional<AuditDigest> digest,
            Instant now, VerificationProgress progress) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            WholeLogSnapshot.begin(c);
            try {
                ChainCheck chain = new ChainCheck(digest);
                List<SealedBlock> all = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT " + StoredBlocks.COLUMNS + " FROM audit_blocks ORDER BY block_number")) {
                    st.setFetchSize(2_000);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            SealedBlock block = StoredBlocks.read(rs);
                            chain.block(block);
                            all.add(block);
                        }
                    }
                }
                List<Finding> findings = new ArrayList<>(chain.finish());
                boolean whole = from.isEmpty() && to.isEmpty() && digest.isEmpty();
                List<SealedBlock> checked = new ArrayList<>();
                for (SealedBlock b : all) {
                    if (digest.isPresent() && b.number() > digest.get().blockNumber()) {
                        continue;
                    }
                    if (from.isPresent() && b.lastTime().isBefore(from.get())) {
                        continue;
                    }
                    if (to.isPresent() && b.firstTime().isAfter(to.get())) {
                        continue;
                    }
                    checked.add(b);
                }
                long lo = whole ? Long.MIN_VALUE : checked.stream().mapToLong(SealedBlock::firstId).min()
                        .orElse(Long.MAX_VALUE);
                long hi = whole ? Long.MAX_VALUE : checked.stream().mapToLong(SealedBlock::lastId).max()
                        .orElse(Long.MIN_VALUE);
                List<SealedBlock> known = new ArrayList<>();
                if (!whole) {
                    java.util.Set<Long> selected = new java.util.HashSet<>();
                    checked.forEach(b -> selected.add(b.number()));
                    for (SealedBlock b : all) {
                        if (!selected.contains(b.number()) && b.lastId() >= lo && b.firstId() <= hi) {
                            known.add(b);
                        }
                    }
                }
                Optional<SealedBlock> newest = chain.newest();
                long sealedBelow = newest.map(SealedBlock::settledBelow).orElse(Long.MIN_VALUE);
                Instant latest = newest.map(SealedBlock::sealedAt).filter(t -> t.isBefore(now)).orElse(now);
                Instant cutoff = latest.atOffset(ZoneOffset.UTC).minus(RowCheck.RETENTION).toInstant();
                RowCheck rows = new RowCheck(checked, known, sealedBelow, cutoff);
                long expected = checked.stream().mapToLong(SealedBlock::rowCount).sum();
                if (lo <= hi) {
                    streamRows(c, lo, hi, rows, progress, expected);
                }
                findings.addAll(rows.finish());
                c.commit();
                return new VerificationReport(List.copyOf(findings), chain.blocks(), rows.blocksChecked(),
                        rows.rows(), rows.pending(), rows.retired(), newest,
                        Duration.ofNanos(System.nanoTime() - started));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void streamRows(Connection c, long lo, long hi, RowCheck check, VerificationProgress progress,
            long expected) throws SQLException {
        long n = LeafStream.stream(c, lo, hi, check::row, progress, expected);
        progress.rows(n, Math.max(n, expected));
    }
}
