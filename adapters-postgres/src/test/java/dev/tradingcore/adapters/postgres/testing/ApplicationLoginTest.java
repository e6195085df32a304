package dev.tradingcore.adapters.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter tests prove grants only if what {@link MigratedDatabase} gives the code under test really has the
 * application's rights and no more: its pool, its MyBatis sessions, and a production pool built from its URL.
 */
class ApplicationLoginTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Test
    void the_pool_the_sessions_and_a_pool_from_the_url_connect_as_the_application_login() throws SQLException {
        for (int i = 0; i < 20; i++) {
            assertApplication(db.dataSource());
        }
        try (SqlSession session = db.sessions().openSession(true)) {
            assertApplication(session.getConnection());
        }
        try (HikariDataSource production = ConnectionPools.open(db.url(),
                new PoolSettings("login-test", 2, Duration.ofSeconds(5), false))) {
            assertApplication(production);
        }
        try (Connection c = db.connectAsApplication()) {
            assertApplication(c);
        }
    }

    @Test
    void the_login_holds_the_application_role_and_nothing_else() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
                               r.rolinherit, r.rolcanlogin,
                               (SELECT string_agg(g.rolname, ',' ORDER BY g.rolname)
                                  FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                                 WHERE m.member = r.oid),
                               (SELECT count(*) FROM pg_class WHERE relowner = r.oid)
                                 + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)
                          FROM pg_roles r WHERE r.rolname = '%s'
                        """.formatted(PostgresServer.APPLICATION_LOGIN))) {
            assertThat(rs.next()).as("the login exists").isTrue();
            assertThat(new boolean[] {rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                rs.getBoolean(5)}).as("superuser, createdb, createrole, replication, bypassrls").containsOnly(false);
            assertThat(rs.getBoolean(6)).as("inherits the application's grants").isTrue();
            assertThat(rs.getBoolean(7)).as("can log in").isTrue();
            assertThat(rs.getString(8)).as("member of").isEqualTo(MigratedDatabase.APPLICATION_ROLE);
            assertThat(rs.getLong(9)).as("objects owned").isZero();
        }
    }

    @Test
    void what_the_application_may_not_do_is_refused_on_its_connections() throws SQLException {
        for (String statement : new String[] {"UPDATE audit_log SET action = 'x'", "DELETE FROM orders",
            "CREATE TABLE intruder (id int)", "DELETE FROM flyway_schema_history"}) {
            try (Connection c = db.connectAsApplication(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute(statement))
                        .as(statement)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    private static void assertApplication(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertApplication(c);
        }
    }

    private static void assertApplication(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_user, session_user,"
                        + " pg_has_role(current_user, 'trading_app', 'USAGE'),"
                        + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(PostgresServer.APPLICATION_LOGIN);
            assertThat(rs.getString(2)).isEqualTo(PostgresServer.APPLICATION_LOGIN);
            assertThat(rs.getBoolean(3)).as("has the application's grants").isTrue();
            assertThat(rs.getBoolean(4)).as("superuser").isFalse();
        }
    }
}
