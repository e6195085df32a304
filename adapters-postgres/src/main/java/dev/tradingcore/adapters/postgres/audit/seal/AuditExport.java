package dev.tradingcore.adapters.postgres.audit.seal;

import dev.tradingcore.domain.audit.seal.CanonicalJson;
import dev.tradingcore.domain.audit.seal.CanonicalRow;
import dev.tradingcore.domain.audit.seal.MerkleTree;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import dev.tradingcore.domain.audit.seal.Sha256;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@code audit export}: the audit rows of a time range with their blocks and Merkle proofs, in a file a third party
 * verifies without the database (docs/operations.md, "What an auditor receives"). JSON Lines, UTF-8, every line
 * canonical JSON:
 * <ol>
 *   <li>a header: {@code {"format":"trading-core-audit-export/1", "from", "to", "blocks", "rows", ...}};</li>
 *   <li>one {@code "type":"block"} line per block, from the first block holding a row of the range to the newest
 *       block, in order: {@code "header"} is the exact text whose SHA-256 is {@code "block_hash"}; each header
 *       names the hash of the block before, so the lines form the chain up to the newest block, whose hash is the
 *       digest to compare with one kept;</li>
 *   <li>one {@code "type":"row"} line per row of every block holding a row of the range (whole blocks, so that
 *       nothing can be left out unseen): {@code "row"} is the exact canonical text of the row, whose leaf hash is
 *       {@code SHA-256(0x00 || row)}, {@code "index"} its place in the block, {@code "proof"} its RFC 6962 audit
 *       path to the block's {@code merkle_root}, and {@code "in_range"} whether its time is in the range asked
 *       for.</li>
 * </ol>
 */
public final class AuditExport {

    public static final String FORMAT = "trading-core-audit-export/1";

    private final DataSource dataSource;

    public AuditExport(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** What was written. */
    public record Written(long blocks, long rows, long rowsInRange, SealedBlock newest) {}

    /** A block whose rows no longer match it: the export is refused, the log must be verified. */
    public static final class BlockDoesNotVerify extends Exception {
        private static final long serialVersionUID = 1L;

        BlockDoesNotVerify(String message) {
            super(message);
        }
    }

    public Written export(Instant from, Instant to, Path out, Instant exportedAt)
            throws SQLException, IOException, BlockDoesNotVerify {
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (Connection c = dataSource.getConnection()) {
            WholeLogSnapshot.begin(c);
            try {
                List<SealedBlock> chain = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT " + StoredBlocks.COLUMNS
                        + " FROM audit_blocks WHERE block_number >= coalesce((SELECT min(block_number)"
                        + " FROM audit_blocks WHERE last_time >= ? AND first_time <= ?), 9223372036854775807)"
                        + " ORDER BY block_number")) {
                    st.setObject(1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
                    st.setObject(2, java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            chain.add(StoredBlocks.read(rs));
                        }
                    }
                }
                if (chain.isEmpty()) {
                    throw new BlockDoesNotVerify("no sealed block holds a row between " + from + " and " + to);
                }
                long rows = 0;
                long inRange = 0;
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8))) {
                    Map<String, Object> header = new LinkedHashMap<>();
                    header.put("format", FORMAT);
                    header.put("from", CanonicalRow.timestamp(from));
                    header.put("to", CanonicalRow.timestamp(to));
                    header.put("exported_at", CanonicalRow.timestamp(exportedAt));
                    header.put("first_block", chain.get(0).number());
                    header.put("newest_block", chain.get(chain.size() - 1).number());
                    header.put("newest_hash", Sha256.hex(chain.get(chain.size() - 1).blockHash()));
                    header.put("hash", "SHA-256");
                    header.put("tree", "RFC 6962 Merkle tree, leaf = SHA-256(0x00 || row), node ="
                            + " SHA-256(0x01 || left || right)");
                    line(w, header);
                    for (SealedBlock b : chain) {
                        Map<String, Object> block = new LinkedHashMap<>();
                        block.put("type", "block");
                        block.put("block", b.number());
                        block.put("header", b.header());
                        block.put("block_hash", Sha256.hex(b.blockHash()));
                        line(w, block);
                    }
                    MessageDigest sha256 = Sha256.digest();
                    for (SealedBlock b : chain) {
                        if (b.lastTime().isBefore(from) || b.firstTime().isAfter(to)) {
                            continue;
                        }
                        List<CanonicalRow> blockRows = rowsOf(c, b);
                        List<byte[]> leaves = new ArrayList<>(blockRows.size());
                        for (CanonicalRow r : blockRows) {
                            leaves.add(r.leafHash(sha256));
                        }
                        if (blockRows.size() != b.rowCount() || !Arrays.equals(MerkleTree.root(leaves),
                                b.merkleRoot())) {
                            throw new BlockDoesNotVerify("block " + b.number() + " does not match its rows any more:"
                                    + " run 'trading-core audit verify' to see where");
                        }
                        for (int i = 0; i < blockRows.size(); i++) {
                            CanonicalRow r = blockRows.get(i);
                            boolean in = !r.timestamp().isBefore(from) && !r.timestamp().isAfter(to);
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("type", "row");
                            row.put("block", b.number());
                            row.put("index", i);
                            row.put("row", r.text());
                            row.put("in_range", in);
                            List<Object> proof = new ArrayList<>();
                            MerkleTree.auditPath(leaves, i).forEach(h -> proof.add(Sha256.hex(h)));
                            row.put("proof", proof);
                            line(w, row);
                            rows++;
                            inRange += in ? 1 : 0;
                        }
                    }
                }
                c.commit();
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new Written(chain.size(), rows, inRange, chain.get(chain.size() - 1));
            } catch (SQLException | IOException | RuntimeException | BlockDoesNotVerify e) {
                c.rollback();
                Files.deleteIfExists(partial);
                throw e;
            }
        }
    }

    private static List<CanonicalRow> rowsOf(Connection c, SealedBlock b) throws SQLException {
        List<CanonicalRow> rows = new ArrayList<>(b.rowCount());
        try (PreparedStatement st = c.prepareStatement("SELECT " + StoredRows.COLUMNS
                + " FROM audit_log a WHERE a.id BETWEEN ? AND ? ORDER BY a.id")) {
            st.setLong(1, b.firstId());
            st.setLong(2, b.lastId());
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (b.rowIds().contains(id)) {
                        rows.add(StoredRows.read(rs));
                    }
                }
            }
        }
        return rows;
    }

    private static void line(Writer w, Map<String, Object> value) throws IOException {
        w.write(CanonicalJson.write(value));
        w.write('\n');
    }
}
