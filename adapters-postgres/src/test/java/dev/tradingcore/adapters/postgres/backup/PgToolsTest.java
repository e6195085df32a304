package dev.tradingcore.adapters.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.backup.BackupException.Reason;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the client programs of the server's major version, and the errors when they are not there. */
class PgToolsTest {

    @Test
    void the_test_server_s_major_version_has_its_client_programs_on_this_machine() throws Exception {
        int major;
        try (Connection c = PostgresServer.get().connectAdmin()) {
            major = Libpq.serverMajor(c);
        }

        PgTools tools = PgTools.locate(Optional.empty(), major);

        assertThat(tools.major()).isEqualTo(major);
        assertThat(tools.pgDump()).isExecutable();
        assertThat(tools.pgRestore()).isExecutable();
    }

    @Test
    void no_pg_dump_anywhere_is_an_error_that_says_what_to_install() {
        assertThatThrownBy(() -> PgTools.locate(Optional.empty(), 7, ""))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOOL_MISSING))
                .hasMessageContaining("pg_dump and pg_restore were not found")
                .hasMessageContaining("postgresql-client-7").hasMessageContaining("BACKUP_PG_BIN_DIR");
    }

    @Test
    void a_configured_directory_without_pg_dump_is_refused_not_passed_over(@TempDir Path empty) {
        assertThatThrownBy(() -> PgTools.locate(Optional.of(empty), 15))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOOL_MISSING))
                .hasMessageContaining(empty.toString()).hasMessageContaining("no executable pg_dump");
    }

    @Test
    void client_programs_of_another_major_version_are_a_version_mismatch() throws Exception {
        PgTools found;
        try (Connection c = PostgresServer.get().connectAdmin()) {
            found = PgTools.locate(Optional.empty(), Libpq.serverMajor(c));
        }
        int other = found.major() + 1;

        assertThatThrownBy(() -> PgTools.locate(Optional.of(found.binDir()), other))
                .isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH))
                .hasMessageContaining("whose pg_dump is version " + found.version())
                .hasMessageContaining("the server is PostgreSQL " + other);
        // Found on PATH, but of another version (99: no machine has its packaged directory).
        assertThatThrownBy(() -> PgTools.locate(Optional.empty(), 99, found.binDir().toString()))
                .isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH))
                .hasMessageContaining("the server is PostgreSQL 99")
                .hasMessageContaining(found.binDir() + " (version " + found.version() + ")");
    }

    @Test
    void a_fake_pg_dump_that_prints_no_version_is_not_taken(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"pg_dump", "pg_restore"}) {
            Path script = dir.resolve(name);
            Files.writeString(script, "#!/bin/sh\necho hello\n");
            script.toFile().setExecutable(true);
        }

        assertThatThrownBy(() -> PgTools.locate(Optional.of(dir), 15))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOOL_MISSING))
                .hasMessageContaining("did not report a PostgreSQL version");
    }
}
