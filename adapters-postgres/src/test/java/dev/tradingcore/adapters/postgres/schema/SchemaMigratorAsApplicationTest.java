package dev.tradingcore.adapters.postgres.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * In production the core connects as the application login, which may not change the schema (a member of
 * trading_owner migrates). Its start must then check that the schema is current and go on, and, when the schema is
 * behind, say who must migrate: it used to die on "permission denied for table flyway_schema_history".
 */
class SchemaMigratorAsApplicationTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Test
    void the_application_login_finds_a_current_schema_current_and_changes_nothing() throws SQLException {
        long before = historyRows();

        SchemaMigrator.Migration migration = new SchemaMigrator(db.dataSource()).migrateIfBehind();

        assertThat(migration.scriptsApplied()).isZero();
        assertThat(historyRows()).isEqualTo(before);
        assertThat(new SchemaMigrator(db.dataSource()).pendingScripts()).isEmpty();
    }

    @Test
    void the_application_login_facing_an_unmigrated_database_is_told_to_migrate_as_the_owner() throws SQLException {
        String name = "behind_" + Long.toHexString(System.nanoTime());
        try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        try {
            PGSimpleDataSource application = new PGSimpleDataSource();
            application.setUrl(PostgresServer.get().applicationUrlOf(name).jdbcUrl());
            application.setUser(PostgresServer.APPLICATION_LOGIN);
            application.setPassword(PostgresServer.get().applicationUrlOf(name).password().orElseThrow());

            assertThatThrownBy(() -> new SchemaMigrator(application).migrateIfBehind())
                    .isInstanceOf(SchemaMigrator.NotAllowedToMigrate.class)
                    .hasMessageContaining(PostgresServer.APPLICATION_LOGIN)
                    .hasMessageContaining("trading-core migrate")
                    .hasMessageContaining("trading_owner");
        } finally {
            try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }

    private long historyRows() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
