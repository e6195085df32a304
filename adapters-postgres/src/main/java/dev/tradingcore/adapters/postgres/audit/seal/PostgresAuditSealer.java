package dev.tradingcore.adapters.postgres.audit.seal;

import dev.tradingcore.domain.audit.seal.AuditDigest;
import dev.tradingcore.domain.audit.seal.AuditSealer;
import dev.tradingcore.domain.audit.seal.CanonicalRow;
import dev.tradingcore.domain.audit.seal.IdRanges;
import dev.tradingcore.domain.audit.seal.MerkleTree;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import dev.tradingcore.domain.common.StoreUnavailableException;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The sealer on PostgreSQL. A round, run by one sealer at a time ({@code pg_try_advisory_xact_lock}: a second one
 * skips the round rather than wait), in its own REPEATABLE READ transaction that only reads {@code audit_log} and
 * appends to {@code audit_blocks}, so no trading transaction ever waits on it:
 * <ol>
 *   <li>takes every visible audit row with an id at or above the newest block's {@code settled_below} that no block
 *       holds yet, in id order (at most {@link #MAX_ROWS_PER_ROUND});</li>
 *   <li>groups them by UTC month (one block never straddles two audit partitions) and appends one block per month:
 *       Merkle root over the rows' canonical bytes, chained to the block before.</li>
 * </ol>
 *
 * <p><b>Rows that commit late.</b> An id is drawn from the sequence when the row is written, not when its
 * transaction commits: a transaction may hold id 100 uncommitted while 101 commits and is sealed. So a block records
 * exactly the ids it holds ({@code row_ids}), and the sealer keeps looking below the highest sealed id down to
 * {@code settled_below}, the id under which nothing can still appear. That horizon moves by observation: each round
 * notes the sequence's position L and the virtual transaction ids running then (from {@code pg_locks}, which
 * every role may read and which lists every transaction from its start, with or without a transaction id). A
 * transaction that drew an id up to L was running when L was read, so once none of those noted is running any
 * more, every id up to L is committed or lost for good. That check is made before the round's snapshot is taken,
 * so the rows of every such transaction are visible to the round, which seals them; the horizon then becomes L + 1.
 * This needs the sequence's CACHE to be 1 (a session caching ids could use one long after it was drawn): it is
 * (BIGSERIAL's default).
 */
public final class PostgresAuditSealer implements AuditSealer {

    /** Rows sealed per round at most, so that a backlog is sealed in bounded transactions. */
    static final int MAX_ROWS_PER_ROUND = 50_000;

    /** "auditsea" as a bigint; the advisory lock of the one sealer. */
    private static final long SEALER_LOCK = 0x6175646974736561L;

    private final DataSource dataSource;
    private final Clock clock;
    /** What the previous round saw: the sequence's position and the transactions running then. */
    private Observation pending;

    public PostgresAuditSealer(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized List<SealedBlock> sealPending() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            long settled = pending == null ? Long.MIN_VALUE : settledBelow(c, pending);
            Observation next = observe(c);
            List<SealedBlock> sealed = seal(c, settled);
            pending = next;
            return sealed;
        } catch (SQLException e) {
            throw new StoreUnavailableException("sealing audit rows failed: " + e.getMessage(), e);
        }
    }

    private List<SealedBlock> seal(Connection c, long settled) throws SQLException {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try {
            // A backlog (a log written while no core ran) takes longer than the pool's timeout, meant for trading
            // statements; this transaction blocks no one, so it gets its own bound.
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = '120s'");
            }
            if (!tryLock(c)) {
                c.rollback();
                return List.of();
            }
            Optional<SealedBlock> newest = StoredBlocks.newest(c);
            long floor = newest.map(SealedBlock::settledBelow).orElse(Long.MIN_VALUE);
            List<CanonicalRow> rows = candidates(c, floor);
            List<SealedBlock> blocks = new ArrayList<>();
            if (!rows.isEmpty()) {
                boolean truncated = rows.size() == MAX_ROWS_PER_ROUND;
                long horizon = Math.max(floor, truncated
                        ? Math.min(settled, rows.get(rows.size() - 1).id() + 1) : settled);
                Map<YearMonth, List<CanonicalRow>> byMonth = new TreeMap<>();
                for (CanonicalRow row : rows) {
                    byMonth.computeIfAbsent(YearMonth.from(row.timestamp().atOffset(ZoneOffset.UTC)),
                            m -> new ArrayList<>()).add(row);
                }
                List<Map.Entry<YearMonth, List<CanonicalRow>>> groups = new ArrayList<>(byMonth.entrySet());
                groups.sort((a, b) -> Long.compare(a.getValue().get(0).id(), b.getValue().get(0).id()));
                Instant now = clock.instant();
                long number = newest.map(SealedBlock::number).orElse(0L);
                byte[] previous = newest.map(SealedBlock::blockHash).orElse(SealedBlock.GENESIS);
                MessageDigest sha256 = dev.tradingcore.domain.audit.seal.Sha256.digest();
                for (int g = 0; g < groups.size(); g++) {
                    List<CanonicalRow> group = groups.get(g).getValue();
                    number++;
                    SealedBlock block = block(sha256, number, previous, groups.get(g).getKey(), group, now,
                            g == groups.size() - 1 ? horizon : floor);
                    StoredBlocks.append(c, block);
                    blocks.add(block);
                    previous = block.blockHash();
                }
            }
            c.commit();
            return blocks;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    private static SealedBlock block(MessageDigest sha256, long number, byte[] previous, YearMonth month,
            List<CanonicalRow> rows, Instant now, long settledBelow) {
        long[] ids = new long[rows.size()];
        List<byte[]> leaves = new ArrayList<>(rows.size());
        Instant first = rows.get(0).timestamp();
        Instant last = first;
        for (int i = 0; i < rows.size(); i++) {
            CanonicalRow row = rows.get(i);
            ids[i] = row.id();
            leaves.add(row.leafHash(sha256));
            first = row.timestamp().isBefore(first) ? row.timestamp() : first;
            last = row.timestamp().isAfter(last) ? row.timestamp() : last;
        }
        return SealedBlock.seal(number, previous, MerkleTree.root(leaves), IdRanges.of(ids), month, first, last, now,
                settledBelow);
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            st.setLong(1, SEALER_LOCK);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Visible rows at or above the floor that no block holds, in id order; an id twice is taken once. Two parts, so
     * that a round costs what is new, not what is sealed: rows above the highest sealed id (an index range), and
     * rows committed late into the window from the floor to that id. The window is checked by count first (its rows
     * against the ids its blocks hold) and, only when they differ, id by id against the blocks' ranges in memory;
     * an anti-join of every row against every block of the window took seconds when the horizon stood still.
     */
    private static List<CanonicalRow> candidates(Connection c, long floor) throws SQLException {
        List<IdRanges> window = new ArrayList<>();
        long highest = Long.MIN_VALUE;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT row_ids::text, last_id FROM audit_blocks WHERE last_id >= ?")) {
            st.setLong(1, floor);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    window.add(IdRanges.parse(rs.getString(1)));
                    highest = Math.max(highest, rs.getLong(2));
                }
            }
        }
        List<CanonicalRow> rows = new ArrayList<>();
        if (!window.isEmpty()) {
            List<Long> late = lateIds(c, floor, highest, window);
            if (!late.isEmpty()) {
                rows.addAll(rows(c, "SELECT " + StoredRows.COLUMNS + " FROM audit_log a WHERE a.id = ANY (?)"
                        + " ORDER BY a.id", st -> st.setArray(1, c.createArrayOf("bigint", late.toArray()))));
            }
        }
        // Above the highest sealed id; with no block at or above the floor, from the floor itself.
        String from = window.isEmpty() ? "a.id >= ?" : "a.id > ?";
        long bound = window.isEmpty() ? floor : highest;
        int room = MAX_ROWS_PER_ROUND - rows.size();
        if (room > 0) {
            rows.addAll(rows(c, "SELECT " + StoredRows.COLUMNS + " FROM audit_log a WHERE " + from + " ORDER BY a.id"
                    + " LIMIT ?", st -> {
                        st.setLong(1, bound);
                        st.setInt(2, room);
                    }));
        }
        List<CanonicalRow> distinct = new ArrayList<>(rows.size());
        long previous = Long.MIN_VALUE;
        for (CanonicalRow row : rows) {
            if (distinct.isEmpty() || row.id() != previous) {
                distinct.add(row);
            }
            previous = row.id();
        }
        return distinct;
    }

    /** Ids in [floor, highest] that no block of the window holds: rows that committed after higher ids were sealed. */
    private static List<Long> lateIds(Connection c, long floor, long highest, List<IdRanges> window)
            throws SQLException {
        long held = 0;
        for (IdRanges ranges : window) {
            for (long[] r : ranges.ranges()) {
                long from = Math.max(r[0], floor);
                long to = Math.min(r[1], highest + 1);
                held += Math.max(0, to - from);
            }
        }
        long present;
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM audit_log WHERE id BETWEEN ? AND ?")) {
            st.setLong(1, floor);
            st.setLong(2, highest);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                present = rs.getLong(1);
            }
        }
        List<Long> late = new ArrayList<>();
        if (present == held) {
            return late;
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id FROM audit_log WHERE id BETWEEN ? AND ? ORDER BY id")) {
            st.setLong(1, floor);
            st.setLong(2, highest);
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next() && late.size() < MAX_ROWS_PER_ROUND) {
                    long id = rs.getLong(1);
                    boolean sealed = false;
                    for (IdRanges ranges : window) {
                        if (ranges.contains(id)) {
                            sealed = true;
                            break;
                        }
                    }
                    if (!sealed) {
                        late.add(id);
                    }
                }
            }
        }
        return late;
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement st) throws SQLException;
    }

    private static List<CanonicalRow> rows(Connection c, String sql, Parameters parameters) throws SQLException {
        List<CanonicalRow> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            parameters.set(st);
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(StoredRows.read(rs));
                }
            }
        }
        return rows;
    }

    private static Observation observe(Connection c) throws SQLException {
        long drawn;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM audit_log_id_seq")) {
            rs.next();
            drawn = rs.getLong(1);
        }
        // Read after the sequence: whoever drew an id up to `drawn` is running now or has ended.
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(array_agg(virtualxid), '{}') FROM pg_locks"
                        + " WHERE locktype = 'virtualxid' AND pid IS DISTINCT FROM pg_backend_pid()")) {
            rs.next();
            return new Observation(drawn, (String[]) rs.getArray(1).getArray());
        }
    }

    /** L + 1 when none of the transactions noted with L runs any more; else no new horizon. */
    private static long settledBelow(Connection c, Observation seen) throws SQLException {
        if (seen.running().length > 0) {
            Array running = c.createArrayOf("text", seen.running());
            try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks"
                    + " WHERE locktype = 'virtualxid' AND virtualxid = ANY (?))")) {
                st.setArray(1, running);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Long.MIN_VALUE;
                    }
                }
            }
        }
        return seen.drawn() + 1;
    }

    @Override
    public Optional<AuditDigest> newestDigest() {
        try (Connection c = dataSource.getConnection()) {
            return StoredBlocks.newest(c).map(SealedBlock::digest);
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading the newest audit block failed: " + e.getMessage(), e);
        }
    }

    /** The sequence's position and the virtual transaction ids running when it was read. */
    private record Observation(long drawn, String[] running) {}
}
