package dev.tradingcore.adapters.postgres.backup;

import static dev.tradingcore.adapters.postgres.backup.BackupFixtures.count;
import static dev.tradingcore.adapters.postgres.backup.BackupFixtures.execute;
import static dev.tradingcore.adapters.postgres.backup.BackupFixtures.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.backup.BackupException.Reason;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.domain.common.Side;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore against the real test server with the real client programs. There is no skip: a machine
 * without pg_dump fails these tests with {@link PgTools}' message saying what to install.
 */
class LogicalBackupTest {

    private static final Instant Q4 = Instant.parse("2026-11-23T15:00:00Z");
    private static final Instant Q1 = Instant.parse("2027-01-15T15:00:00Z");
    private static final Instant OLD = Instant.parse("2019-06-03T15:00:00Z"); // no partition: trades_default
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @TempDir
    Path dir;

    private final List<String> made = new ArrayList<>();

    @BeforeAll
    static void tradingHistory() throws SQLException {
        try (Connection c = db.connect()) {
            // Partitions for 2026-Q4 .. 2027-Q2 and 2026-11 .. 2027-02, whatever today is.
            execute(c, "SELECT count(*) FROM maintain_partitions('2026-11-23T00:00:00Z')");
        }
        BackupFixtures.Book book = new BackupFixtures.Book(db.dataSource(), Q4);
        book.order("bk-1", "AAPL", Side.BUY, Q4, "10", "5.5");
        book.order("bk-2", "AAPL", Side.SELL, Q4.plusSeconds(60), "3");
        book.order("bk-3", "MSFT", Side.BUY, Q1, "7", "1.25", "2");
        book.order("bk-4", "OLDCO", Side.BUY, OLD, "100");
        book.order("bk-5", "OLDCO", Side.SELL, OLD.plusSeconds(3600), "40");
        try (Connection c = db.connect()) {
            execute(c, """
                    INSERT INTO audit_log (timestamp, component, action, details, severity) VALUES
                      ('2018-02-01T00:00:00Z', 'test', 'old_event', '{"note": "default partition"}', 'info'),
                      ('2027-01-20T00:00:00Z', 'test', 'future_event', '{"order_id": "bk-3"}', 'warning')
                    """);
            execute(c, """
                    INSERT INTO risk_snapshots (timestamp, portfolio_value, cash_balance, total_exposure,
                                                position_count, metrics)
                    VALUES ('2026-11-23T16:00:00Z', 1000000.00, 998000.00, 2000.00, 2, '{"var": 1.5}')
                    """);
        }
    }

    @AfterEach
    void dropRestored() {
        made.forEach(TemplateDatabase::drop);
    }

    private String newName() {
        String name = "tc_restored_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
        made.add(name);
        return name;
    }

    private static LogicalBackup backupOf(DatabaseUrl url) {
        return new LogicalBackup(url, Optional.empty(), TIMEOUT, TOOL_TIMEOUT);
    }

    private static LogicalRestore restorer() {
        return new LogicalRestore(PostgresServer.get().adminUrl(), Optional.empty(), TIMEOUT, TOOL_TIMEOUT,
                Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void a_restored_database_holds_the_same_rows_in_the_same_partitions_and_still_recognises_replays()
            throws Exception {
        LogicalBackup.Result backup = backupOf(db.adminUrl()).backup(dir);

        BackupManifest manifest = backup.manifest();
        assertThat(backup.dump()).exists().hasFileName(manifest.dumpFile());
        assertThat(BackupManifest.pathFor(backup.dump())).exists();
        assertThat(manifest.sha256()).isEqualTo(LogicalBackup.sha256(backup.dump()));
        assertThat(manifest.tableRows()).containsEntry("public.trades", 8L).containsEntry("public.trade_ids", 8L)
                .containsEntry("public.orders", 5L).containsEntry("public.positions", 3L)
                .containsKey("public.flyway_schema_history");
        try (Connection c = db.connect()) {
            assertThat(manifest.schemaVersion()).isEqualTo(DatabaseContents.schemaVersion(c, db.name()));
            assertThat(count(c, "SELECT count(*) FROM trades_default")).as("the old trades").isEqualTo(2);
            assertThat(count(c, "SELECT count(*) FROM audit_log_default")).isEqualTo(1);
        }

        String target = newName();
        LogicalRestore.Result restored = restorer().restore(backup.dump(), Optional.of(target), false);

        assertThat(restored.database()).isEqualTo(target);
        assertThat(restored.replacedKeptAs()).isEmpty();
        assertThat(restored.schemaVersion()).isEqualTo(manifest.schemaVersion());
        assertThat(restored.pendingMigrations()).isEmpty();
        assertThat(restored.rows()).isEqualTo(manifest.tableRows());
        try (Connection source = db.connect(); Connection copy = PostgresServer.get().connect(target)) {
            Map<String, String> expected = fingerprint(source);
            assertThat(expected).containsKeys("public.trades_default", "public.trades_2026_q4",
                    "public.trades_2027_q1", "public.audit_log_default");
            assertThat(fingerprint(copy)).as("every table and partition, row for row").isEqualTo(expected);

            // The registry came along: a replayed trade is still recognised, in any partition.
            assertThat(BackupFixtures.replay(copy, "bk-1-t0")).as("replay of a 2026-Q4 trade").isZero();
            assertThat(BackupFixtures.replay(copy, "bk-4-t0")).as("replay of a trade in the default partition")
                    .isZero();
            assertThatThrownBy(() -> execute(copy, """
                    INSERT INTO trades (trade_id, order_id, symbol, side, quantity, price, timestamp, trade_value)
                    VALUES ('bk-3-t0', 'bk-3', 'MSFT', 'buy', 999, 100.25, now(), 99999.75)
                    """)).as("a conflicting replay still reaches a person").hasMessageContaining("conflicting replay");
            // Sequences came along: new rows get new ids.
            execute(copy, "INSERT INTO audit_log (component, action, details) VALUES ('test', 'after', '{}')");
            assertThat(count(copy, "SELECT count(*) FROM trades")).isEqualTo(8);
        }
    }

    @Test
    void a_dump_with_one_flipped_byte_is_refused_before_any_database_is_touched() throws Exception {
        LogicalBackup.Result backup = backupOf(db.adminUrl()).backup(dir);
        Path damaged = dir.resolve("damaged.dump");
        Files.copy(backup.dump(), damaged);
        Files.copy(BackupManifest.pathFor(backup.dump()), BackupManifest.pathFor(damaged));
        try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0x01);
        }
        String target = newName();

        assertThatThrownBy(() -> LogicalBackup.verify(damaged, Optional.empty(), TOOL_TIMEOUT))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED_DUMP))
                .hasMessageContaining("does not match its manifest's SHA-256");
        assertThatThrownBy(() -> restorer().restore(damaged, Optional.of(target), false))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED_DUMP))
                .hasMessageContaining("damaged");
        assertThat(databaseExists(target)).isFalse();
        assertThat(databaseExists(target + "_restoring")).as("not even a scratch database").isFalse();

        Files.delete(BackupManifest.pathFor(damaged));
        Files.copy(backup.dump(), damaged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> restorer().restore(damaged, Optional.of(target), false))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED_DUMP))
                .hasMessageContaining("has no manifest");
        assertThat(LogicalBackup.verify(backup.dump(), Optional.empty(), TOOL_TIMEOUT).tocEntries())
                .as("the original still verifies").isPositive();
    }

    @Test
    void a_restore_never_touches_an_existing_database_unless_asked_to_replace_it_and_then_keeps_the_old_one()
            throws Exception {
        LogicalBackup.Result backup = backupOf(db.adminUrl()).backup(dir);
        Map<String, String> before;
        try (Connection c = db.connect()) {
            before = fingerprint(c);
        }

        assertThatThrownBy(() -> restorer().restore(backup.dump(), Optional.of(db.name()), false))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessageContaining("exists").hasMessageContaining("--replace");
        try (Connection c = db.connect()) {
            assertThat(fingerprint(c)).as("the live database is untouched").isEqualTo(before);
        }

        String target = newName();
        try (Connection admin = PostgresServer.get().connectAdmin()) {
            execute(admin, "CREATE DATABASE " + target);
        }
        try (Connection other = PostgresServer.get().connect(target)) {
            execute(other, "CREATE TABLE marker (note text)");
            assertThatThrownBy(() -> restorer().restore(backup.dump(), Optional.of(target), true))
                    .as("replacing a database somebody is connected to")
                    .isInstanceOfSatisfying(BackupException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                    .hasMessageContaining("session(s) connected");
        }
        assertThat(databaseExists(target + "_restoring")).isFalse();

        LogicalRestore.Result replaced = restorer().restore(backup.dump(), Optional.of(target), true);

        assertThat(replaced.replacedKeptAs()).contains(target + "_pre_20261124_090000");
        made.add(replaced.replacedKeptAs().get());
        try (Connection copy = PostgresServer.get().connect(target);
                Connection old = PostgresServer.get().connect(replaced.replacedKeptAs().get())) {
            assertThat(fingerprint(copy)).isEqualTo(before);
            assertThat(count(old, "SELECT count(*) FROM marker")).as("the replaced database is kept").isZero();
        }
    }

    @Test
    void a_dump_of_a_schema_newer_than_this_build_is_restored_nowhere() throws Exception {
        String newer = TemplateDatabase.createFresh();
        made.add(newer);
        try (Connection c = PostgresServer.get().connect(newer)) {
            execute(c, """
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                       installed_by, execution_time, success)
                    VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 1, 'test', 1, true)
                    """);
        }
        LogicalBackup.Result backup = backupOf(PostgresServer.get().urlOf(newer)).backup(dir);
        assertThat(backup.manifest().schemaVersion()).isEqualTo("999");
        String target = newName();

        assertThatThrownBy(() -> restorer().restore(backup.dump(), Optional.of(target), false))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FAILED))
                .hasMessageContaining("not one this build knows").hasMessageContaining("999");
        assertThat(databaseExists(target)).isFalse();
        assertThat(databaseExists(target + "_restoring")).isFalse();
    }

    @Test
    void retention_keeps_the_newest_dumps_with_their_manifests() throws Exception {
        List<Path> dumps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dumps.add(backupOf(db.adminUrl()).backup(dir).dump());
            Thread.sleep(5); // distinct millisecond stamps in the names
        }
        Files.writeString(dir.resolve("unrelated.dump"), "not ours");

        List<Path> deleted = LogicalBackup.keepNewest(dir, db.name(), 2);

        assertThat(deleted).containsExactly(dumps.get(0));
        assertThat(dumps.get(0)).doesNotExist();
        assertThat(BackupManifest.pathFor(dumps.get(0))).doesNotExist();
        assertThat(dumps.get(1)).exists();
        assertThat(dumps.get(2)).exists();
        assertThat(BackupManifest.pathFor(dumps.get(2))).exists();
        assertThat(dir.resolve("unrelated.dump")).exists();
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection admin = PostgresServer.get().connectAdmin()) {
            return count(admin, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") > 0;
        }
    }
}
