package dev.tradingcore.adapters.postgres.replication;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The replication of the server a pool reaches, as an operator checks it: is it the primary, what does it wait for
 * before acknowledging a commit, and which standbys stream from it, how far behind. Read-only.
 *
 * <p>The standbys come from {@code pg_stat_replication}; a login without {@code pg_monitor} sees their rows with the
 * details blank, shown as "hidden".
 */
public final class ReplicationStatus {

    private final DataSource dataSource;

    public ReplicationStatus(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The server's part in replication.
     *
     * @param address where it listens ({@code inet_server_addr():inet_server_port()})
     * @param standby true when it is a standby replaying WAL, false when it takes writes
     * @param synchronousStandbyNames the standbys a commit waits for (empty: none, replication is asynchronous)
     * @param synchronousCommit what a commit of this session waits for
     */
    public record Server(String address, boolean standby, String synchronousStandbyNames, String synchronousCommit) {}

    /**
     * One standby streaming from the server.
     *
     * @param name its {@code application_name} ({@code walreceiver} unless its primary_conninfo names it)
     * @param address its client address
     * @param state {@code streaming}, {@code catchup}, {@code startup}, {@code backup}; "hidden" without pg_monitor
     * @param syncState {@code sync}, {@code potential}, {@code quorum} or {@code async}
     * @param lagBytes WAL the primary has written and the standby has not replayed
     * @param replayLag how long the last WAL took from the primary's flush to the standby's replay (empty when the
     *     standby is idle and caught up, as PostgreSQL reports it)
     */
    public record Standby(String name, String address, String state, String syncState, Optional<Long> lagBytes,
            Optional<Duration> replayLag) {}

    public Server server() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(host(inet_server_addr()), 'local socket') || ':'"
                        + " || coalesce(inet_server_port()::text, ''), pg_is_in_recovery(),"
                        + " current_setting('synchronous_standby_names'), current_setting('synchronous_commit')")) {
            rs.next();
            return new Server(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4));
        }
    }

    /** The standbys streaming from this server now, by name. */
    public List<Standby> standbys() throws SQLException {
        String sql = """
                SELECT application_name, coalesce(host(client_addr), 'local socket'), coalesce(state, 'hidden'),
                       coalesce(sync_state, 'hidden'),
                       pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                                            ELSE pg_current_wal_lsn() END, replay_lsn)::bigint,
                       (EXTRACT(EPOCH FROM replay_lag) * 1000000)::bigint
                  FROM pg_stat_replication
                 ORDER BY application_name, client_addr
                """;
        List<Standby> standbys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                long bytes = rs.getLong(5);
                Optional<Long> lagBytes = rs.wasNull() ? Optional.empty() : Optional.of(Math.max(0, bytes));
                long micros = rs.getLong(6);
                Optional<Duration> lag = rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(micros * 1000));
                standbys.add(new Standby(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), lagBytes,
                        lag));
            }
        }
        return standbys;
    }
}
