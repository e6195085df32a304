package dev.tradingcore.adapters.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit every database test stands on: a real server, a fresh database, migrated by the production scripts. */
class MigratedDatabaseTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Test
    void the_database_is_migrated_by_every_shipped_script() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*), bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("applied scripts").isPositive();
            assertThat(rs.getBoolean(2)).as("all succeeded").isTrue();
        }
    }

    @Test
    void each_fresh_database_is_separate_from_the_others() throws SQLException {
        String other = TemplateDatabase.createFresh();
        try {
            assertThat(other).isNotEqualTo(db.name());
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE only_in_this_database (id int)");
            }
            try (Connection c = PostgresServer.get().connect(other); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT to_regclass('only_in_this_database') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("table absent from the other database").isTrue();
            }
        } finally {
            TemplateDatabase.drop(other);
        }
        try (Connection admin = PostgresServer.get().connectAdmin(); Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + other + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("dropped").isZero();
        }
    }

    @Test
    void the_server_is_postgresql_15_or_later() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            assertThat(Integer.parseInt(rs.getString(1))).isGreaterThanOrEqualTo(150000);
        }
    }
}
