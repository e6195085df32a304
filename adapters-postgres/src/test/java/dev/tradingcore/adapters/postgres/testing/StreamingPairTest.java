package dev.tradingcore.adapters.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's replica is a real one: it streams what the primary commits, falls behind when its replay is paused,
 * becomes a primary when promoted after the old one was killed, and holds commits back when it is a synchronous
 * standby that stopped answering.
 */
class StreamingPairTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void the_replica_streams_lags_when_paused_and_takes_over_when_the_primary_dies() throws Exception {
        try (StreamingPair pair = StreamingPair.start(tmp)) {
            StreamingPair.Node first = pair.primary();
            StreamingPair.Node replica = pair.runningReplica();
            assertThat(first.inRecovery()).isFalse();
            assertThat(replica.inRecovery()).as("the replica is a standby").isTrue();

            execute(first, "CREATE TABLE kit (n int)");
            execute(first, "INSERT INTO kit VALUES (1)");
            Eventually.within(BOUND, "row 1 on the replica", () -> count(replica) == 1);

            replica.pauseReplay();
            execute(first, "INSERT INTO kit VALUES (2)");
            Eventually.within(BOUND, "the primary sees the replica received but did not replay",
                    () -> replayLagBytes(first) > 0);
            Thread.sleep(300);
            assertThat(count(replica)).as("paused replay shows the old data").isEqualTo(1);
            replica.resumeReplay();
            Eventually.within(BOUND, "row 2 on the replica after resume", () -> count(replica) == 2);

            pair.killPrimary();
            assertThat(first.running()).isFalse();
            StreamingPair.Node promoted = pair.promoteReplica();
            assertThat(promoted.inRecovery()).isFalse();
            execute(promoted, "INSERT INTO kit VALUES (3)");
            assertThat(count(promoted)).isEqualTo(3);

            StreamingPair.Node rebuilt = pair.rebuildReplica();
            assertThat(rebuilt.port()).as("the new replica takes the dead primary's port").isEqualTo(first.port());
            execute(promoted, "INSERT INTO kit VALUES (4)");
            Eventually.within(BOUND, "row 4 on the rebuilt replica", () -> count(rebuilt) == 4);
        }
    }

    @Test
    void a_synchronous_standby_that_stops_holds_commits_back_until_it_returns() throws Exception {
        try (StreamingPair pair = StreamingPair.start(tmp)) {
            StreamingPair.Node primary = pair.primary();
            pair.requireSynchronousStandby(true);
            execute(primary, "CREATE TABLE kit (n int)");
            Eventually.within(BOUND, "the replica is the synchronous standby",
                    () -> "sync".equals(syncState(primary)));

            pair.runningReplica().pauseReplay(); // receiving still confirms 'on': the commit must not wait for it
            execute(primary, "INSERT INTO kit VALUES (1)");

            pair.runningReplica().stop();
            CompletableFuture<Void> held = CompletableFuture.runAsync(() -> {
                try {
                    execute(primary, "INSERT INTO kit VALUES (2)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_500);
            assertThat(held).as("a commit waits for the synchronous standby").isNotDone();
            StreamingPair.Node rebuilt = pair.rebuildReplica();
            held.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            Eventually.within(BOUND, "both rows on the rebuilt standby", () -> count(rebuilt) == 2);
        }
    }

    private static void execute(StreamingPair.Node node, String sql) throws SQLException {
        try (Connection c = node.connect(StreamingPair.DATABASE); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(StreamingPair.Node node) {
        return query(node, StreamingPair.DATABASE, "SELECT count(*)::text FROM kit").map(Long::parseLong).orElse(-1L);
    }

    private static long replayLagBytes(StreamingPair.Node primary) {
        return query(primary, "postgres", "SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)),"
                + " 0)::bigint::text FROM pg_stat_replication").map(Long::parseLong).orElse(0L);
    }

    private static String syncState(StreamingPair.Node primary) {
        return query(primary, "postgres", "SELECT sync_state FROM pg_stat_replication").orElse("");
    }

    private static java.util.Optional<String> query(StreamingPair.Node node, String database, String sql) {
        try (Connection c = node.connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
    }
}
