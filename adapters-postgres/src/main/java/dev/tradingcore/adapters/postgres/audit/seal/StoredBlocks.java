package dev.tradingcore.adapters.postgres.audit.seal;

import dev.tradingcore.domain.audit.seal.IdRanges;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/** The SQL of {@code audit_blocks}: a block read as stored (its hash too, to be checked, never trusted), appended. */
final class StoredBlocks {

    static final String COLUMNS = "block_number, previous_hash, merkle_root, row_ids::text, row_count, period,"
            + " first_time, last_time, sealed_at, settled_below, block_hash";

    private static final String INSERT = "INSERT INTO audit_blocks (block_number, previous_hash, merkle_root,"
            + " first_id, last_id, row_ids, row_count, period, first_time, last_time, sealed_at, settled_below,"
            + " block_hash) VALUES (?, ?, ?, ?, ?, ?::int8multirange, ?, ?, ?, ?, ?, ?, ?)";

    private StoredBlocks() {}

    static SealedBlock read(ResultSet rs) throws SQLException {
        LocalDate period = rs.getObject(6, LocalDate.class);
        return new SealedBlock(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), IdRanges.parse(rs.getString(4)),
                rs.getInt(5), YearMonth.from(period), rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getObject(9, OffsetDateTime.class).toInstant(),
                rs.getLong(10), rs.getBytes(11));
    }

    static Optional<SealedBlock> newest(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit_blocks ORDER BY block_number DESC LIMIT 1");
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    static void append(Connection c, SealedBlock b) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            st.setLong(1, b.number());
            st.setBytes(2, b.previousHash());
            st.setBytes(3, b.merkleRoot());
            st.setLong(4, b.firstId());
            st.setLong(5, b.lastId());
            st.setString(6, b.rowIds().text());
            st.setInt(7, b.rowCount());
            st.setObject(8, b.period().atDay(1));
            st.setObject(9, OffsetDateTime.ofInstant(b.firstTime(), ZoneOffset.UTC));
            st.setObject(10, OffsetDateTime.ofInstant(b.lastTime(), ZoneOffset.UTC));
            st.setObject(11, OffsetDateTime.ofInstant(b.sealedAt(), ZoneOffset.UTC));
            st.setLong(12, b.settledBelow());
            st.setBytes(13, b.blockHash());
            st.executeUpdate();
        }
    }
}
