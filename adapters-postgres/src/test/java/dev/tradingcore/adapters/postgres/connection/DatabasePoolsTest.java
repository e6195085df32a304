package dev.tradingcore.adapters.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One pool per component; analytics on the primary when no replica is configured or it does not answer (a real
 * replica's reads are ReplicaReadsTest's).
 */
class DatabasePoolsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Nested
    class Pools {

        @Test
        void each_component_gets_its_own_pool_sized_after_the_design() {
            try (DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), ComponentPoolSizes.DESIGN,
                    TIMEOUT)) {
                List<PoolMetrics> metrics = pools.metrics();
                assertThat(metrics).extracting(PoolMetrics::pool)
                        .containsExactly("execution", "risk", "market-data", "audit", "analytics");
                assertThat(metrics).extracting(PoolMetrics::maximum).containsExactly(5, 3, 2, 2, 10);
                assertThat(ComponentPoolSizes.DESIGN.total()).isEqualTo(22);
            }
        }

        @Test
        void metrics_show_connections_lent_out_and_threads_waiting() throws Exception {
            ComponentPoolSizes sizes = new ComponentPoolSizes(1, 1, 1, 1, 1);
            try (DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), sizes, TIMEOUT);
                    Connection held = pools.execution().getConnection()) {
                PoolMetrics execution = pools.metrics().getFirst();
                assertThat(execution.active()).isEqualTo(1);
                assertThat(execution.total()).isEqualTo(1);

                long started = System.nanoTime();
                assertThatThrownBy(() -> pools.execution().getConnection())
                        .as("a second borrower of a one-connection pool waits the timeout, then fails")
                        .isInstanceOf(java.sql.SQLTransientConnectionException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
                assertThat(held.isValid(1)).isTrue();
            }
        }

        @Test
        void connections_carry_the_server_side_timeouts_and_the_component_name() throws Exception {
            try (DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), ComponentPoolSizes.DESIGN,
                    TIMEOUT)) {
                assertThat(query(pools.risk(), "SHOW statement_timeout")).isEqualTo("1s");
                assertThat(query(pools.risk(), "SHOW lock_timeout")).isEqualTo("1s");
                assertThat(query(pools.audit(), "SELECT current_setting('application_name')"))
                        .isEqualTo("trading-core/audit");
            }
        }

        @Test
        void a_statement_longer_than_the_timeout_is_cancelled_by_the_server() {
            try (DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), ComponentPoolSizes.DESIGN,
                    TIMEOUT)) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> query(pools.execution(), "SELECT pg_sleep(30)::text"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
            }
        }

        @Test
        void sizes_must_be_positive() {
            assertThatThrownBy(() -> new ComponentPoolSizes(5, 0, 2, 2, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("risk");
        }
    }

    @Nested
    class AnalyticsRouting {

        @Test
        void without_a_replica_analytics_reads_hit_the_primary_read_only() throws Exception {
            try (DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), ComponentPoolSizes.DESIGN,
                    TIMEOUT)) {
                assertThat(serverPort(pools.analytics())).isEqualTo(serverPort(db.dataSource()));
                assertThat(query(pools.analytics(), "SELECT current_database()")).isEqualTo(db.name());
                assertThatThrownBy(() -> query(pools.analytics(), "CREATE TABLE analytics_must_not_write (id int)"))
                        .as("analytics connections are read-only even in autocommit")
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
                assertThat(query(pools.execution(), "SHOW transaction_read_only")).isEqualTo("off");
            }
        }

        @Test
        void with_the_replica_unreachable_analytics_reads_fall_back_to_the_primary_within_the_timeout()
                throws Exception {
            DatabaseUrl closedPort = db.url().withHosts("localhost:" + closedPort());
            try (DatabasePools pools = DatabasePools.open(db.url(), Optional.of(closedPort),
                    ComponentPoolSizes.DESIGN, TIMEOUT)) {
                long started = System.nanoTime();
                int port = serverPort(pools.analytics());
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(port).isEqualTo(serverPort(db.dataSource()));
                assertThat(took).isLessThan(TIMEOUT.multipliedBy(2));
                assertThatThrownBy(() -> query(pools.analytics(), "CREATE TABLE fallback_must_not_write (id int)"))
                        .as("still read-only on the primary")
                        .isInstanceOf(SQLException.class);
            }
        }

        @Test
        void the_analytics_pool_connects_to_the_replica_hosts_only_and_only_to_a_standby() {
            DatabaseUrl primary = DatabaseUrl.parse("postgresql://app:secret@db1:5432/trading?sslmode=require");
            DatabaseUrl replica =
                    DatabaseUrl.parse("jdbc:postgresql://db2:5432,db3:5433/trading?loadBalanceHosts=true");

            DatabaseUrl routed = DatabasePools.analyticsUrl(primary, Optional.of(replica));

            assertThat(routed.hosts()).isEqualTo("db2:5432,db3:5433");
            assertThat(routed.parameters()).containsEntry("targetServerType", "secondary")
                    .containsEntry("loadBalanceHosts", "true").containsEntry("sslmode", "require");
            assertThat(routed.user()).contains("app");
            assertThat(routed.password()).contains("secret");
            assertThat(DatabasePools.analyticsUrl(primary, Optional.empty())).isEqualTo(primary);
        }

        @Test
        void a_replica_of_another_database_is_refused() {
            DatabaseUrl primary = DatabaseUrl.parse("postgresql://app@db1:5432/trading");
            assertThatThrownBy(() -> DatabasePools.analyticsUrl(primary,
                    Optional.of(DatabaseUrl.parse("postgresql://app@db2:5432/other"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trading");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int serverPort(DataSource pool) throws SQLException {
        return Integer.parseInt(query(pool, "SELECT inet_server_port()::text"));
    }

    private static String query(DataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
