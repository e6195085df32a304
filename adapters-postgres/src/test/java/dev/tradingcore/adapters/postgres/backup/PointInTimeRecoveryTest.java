package dev.tradingcore.adapters.postgres.backup;

import static dev.tradingcore.adapters.postgres.backup.BackupFixtures.count;
import static dev.tradingcore.adapters.postgres.backup.BackupFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.domain.common.Side;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Point-in-time recovery as docs/operations.md describes it, on a throw-away server this test starts itself:
 * WAL archiving with {@code cp}, a base backup with {@code pg_basebackup}, trades, a noted time, more trades, then
 * recovery of the base backup to the noted time. Only the first trades exist afterwards, and the ledger is whole.
 *
 * <p>The server is the embedded PostgreSQL's (zonky's binaries, which, unlike the packaged initdb, run as root, as
 * CI does); pg_basebackup is the packaged client's, found like pg_dump: missing, the test fails and says so.
 */
class PointInTimeRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");
    /**
     * How long a start, a WAL switch or a recovery may take before the test gives up: generous, because a loaded
     * 2-core machine (parallel builds) was seen to take over a minute to start the throw-away server. Not a speed
     * assertion: the test checks what is recovered, not how fast.
     */
    private static final Duration BOUND = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    @Test
    void a_base_backup_and_the_archived_wal_recover_the_database_as_it_was_at_a_noted_time() throws Exception {
        Path archive = Files.createDirectories(tmp.resolve("wal-archive"));
        Path base = tmp.resolve("base-backup");
        String noted; // as the server writes a timestamptz: 2026-11-24 01:03:21.303348+00
        String lastWal;
        try (EmbeddedPostgres primary = EmbeddedPostgres.builder()
                .setDataDirectory(tmp.resolve("primary"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(BOUND)
                // As an operator configures it: in the server's configuration file, not on its command line.
                .setDataDirectoryCustomizer(dir -> configure(dir.toPath(), """
                        wal_level = replica
                        archive_mode = on
                        archive_command = 'test ! -f %1$s/%%f && cp %%p %1$s/%%f'
                        """.formatted(archive)))
                .start()) {
            int major;
            try (Connection c = primary.getPostgresDatabase().getConnection()) {
                execute(c, "CREATE DATABASE trading");
                major = Libpq.serverMajor(c);
            }
            DataSource trading = dataSource(primary.getPort(), "trading");
            new SchemaMigrator(trading).migrate();

            PgTools tools = PgTools.locate(Optional.empty(), major);
            PgProcess.Result basebackup = PgProcess.run(List.of(tools.program("pg_basebackup").toString(),
                    "--pgdata=" + base, "--wal-method=stream", "--checkpoint=fast", "--no-password"),
                    Map.of("PGHOST", "localhost", "PGPORT", Integer.toString(primary.getPort()), "PGUSER", "postgres"),
                    BOUND);
            assertThat(basebackup.exitCode()).as(basebackup.stderr()).isZero();

            BackupFixtures.Book book = new BackupFixtures.Book(trading, T0);
            book.order("pitr-1", "AAPL", Side.BUY, T0, "10", "5");
            book.order("pitr-2", "MSFT", Side.BUY, T0.plusSeconds(60), "3");
            try (Connection c = trading.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT clock_timestamp()::text")) {
                rs.next();
                noted = rs.getString(1);
            }
            book.order("pitr-3", "AAPL", Side.SELL, T0.plusSeconds(120), "8");
            book.order("pitr-4", "NVDA", Side.BUY, T0.plusSeconds(180), "1", "1", "1");

            try (Connection c = trading.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                rs.next();
                lastWal = rs.getString(1);
            }
            DataSource admin = primary.getPostgresDatabase();
            Eventually.within(BOUND, "WAL " + lastWal + " archived", () -> archived(admin, lastWal));
        }

        try (EmbeddedPostgres recovered = EmbeddedPostgres.builder()
                .setDataDirectory(base)
                .setCleanDataDirectory(false)

                .setPGStartupWait(BOUND)
                .setDataDirectoryCustomizer(dir -> {
                    configure(dir.toPath(), """
                            archive_mode = off
                            restore_command = 'cp %s/%%f %%p'
                            recovery_target_time = '%s'
                            recovery_target_action = 'promote'
                            """.formatted(archive, noted));
                    signalRecovery(dir.toPath());
                })
                .start()) {
            DataSource trading = dataSource(recovered.getPort(), "trading");
            Eventually.within(BOUND, "recovery to " + noted + " finished and promoted", () -> promoted(trading));

            try (Connection c = trading.getConnection()) {
                assertThat(BackupFixtures.strings(c, "SELECT order_id FROM orders ORDER BY order_id"))
                        .as("orders as of the noted time").containsExactly("pitr-1", "pitr-2");
                assertThat(count(c, "SELECT count(*) FROM trades")).isEqualTo(3);
                assertThat(count(c, "SELECT count(*) FROM trade_ids")).isEqualTo(3);
                assertThat(count(c, "SELECT count(*) FROM audit_log WHERE action = 'fill_applied'")).isEqualTo(3);
                assertThat(BackupFixtures.strings(c, "SELECT symbol || ' ' || quantity FROM positions ORDER BY 1"))
                        .containsExactly("AAPL 15.00000000", "MSFT 3.00000000");
            }
        }
    }

    private static void configure(Path dataDirectory, String settings) {
        try {
            Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), settings,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signalRecovery(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("recovery.signal"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataSource dataSource(int port, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        return ds;
    }

    private static boolean archived(DataSource admin, String wal) {
        try (Connection c = admin.getConnection()) {
            return count(c, "SELECT count(*) FROM pg_stat_archiver WHERE last_archived_wal >= '" + wal + "'") > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean promoted(DataSource trading) {
        try (Connection c = trading.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT NOT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
