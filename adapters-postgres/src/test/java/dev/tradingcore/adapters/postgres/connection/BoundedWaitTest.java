package dev.tradingcore.adapters.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.resilience.DatabaseFailures;
import dev.tradingcore.adapters.postgres.resilience.FailureKind;
import dev.tradingcore.adapters.postgres.testing.FaultProxy;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.adapters.postgres.testing.Timed;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No thread waits forever on a dead network: through a proxy that stops answering, refuses, or resets, every wait
 * ends with an error after about the configured timeout.
 */
class BoundedWaitTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Generous for a loaded 2-core machine: the socket timeout is the timeout + 1 s. */
    private static final Duration BOUND = TIMEOUT.multipliedBy(3).plusSeconds(2);
    /** Past this a call counts as hung. */
    private static final Duration HUNG = Duration.ofSeconds(30);

    private FaultProxy proxy;
    private HikariDataSource pool;

    @BeforeEach
    void start() {
        String hostPort = db.url().hosts();
        int colon = hostPort.lastIndexOf(':');
        proxy = FaultProxy.to(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        pool = ConnectionPools.open(db.url().withHosts("127.0.0.1:" + proxy.port()),
                new PoolSettings("bounded", 2, TIMEOUT, false));
    }

    @AfterEach
    void stop() {
        pool.close();
        proxy.close();
    }

    @Test
    void a_query_on_a_connection_whose_peer_went_silent_fails_within_the_bound() throws Exception {
        try (Connection connection = pool.getConnection()) {
            assertThat(select1(connection)).isEqualTo(1);
            proxy.blackhole();

            Timed<Integer> call = Timed.run(() -> select1(connection), HUNG);

            assertThat(call.hung()).as("hung").isFalse();
            assertThat(call.failure()).as("failed rather than answered").isPresent();
            assertThat(DatabaseFailures.classify(call.failure().get())).isEqualTo(FailureKind.CONNECTION);
            assertThat(call.took()).isLessThan(BOUND);
        }
    }

    @Test
    void borrowing_from_a_pool_whose_server_went_silent_fails_within_the_bound() {
        assertThat(Timed.run(() -> select1(pool), HUNG).value()).contains(1);
        proxy.blackhole();

        for (int i = 0; i < 3; i++) {
            Timed<Integer> call = Timed.run(() -> select1(pool), HUNG);
            assertThat(call.hung()).as("attempt %d hung", i).isFalse();
            assertThat(call.failure()).as("attempt %d failed", i).isPresent();
            assertThat(DatabaseFailures.classify(call.failure().get())).isEqualTo(FailureKind.CONNECTION);
            assertThat(call.took()).as("attempt %d", i).isLessThan(BOUND);
        }
    }

    @Test
    void a_server_that_refuses_and_resets_fails_borrowers_within_the_timeout_and_work_resumes_when_it_is_back() {
        assertThat(Timed.run(() -> select1(pool), HUNG).value()).contains(1);
        proxy.stopAccepting();
        proxy.dropConnections();

        boolean waitedForThePool = false;
        for (int i = 0; i < 4 && !waitedForThePool; i++) {
            // The pooled connections were reset: each fails fast once; then borrowers wait for a new connection.
            Timed<Integer> down = Timed.run(() -> select1(pool), HUNG);
            assertThat(down.failure()).as("attempt %d failed", i).isPresent();
            assertThat(DatabaseFailures.classify(down.failure().get())).isEqualTo(FailureKind.CONNECTION);
            assertThat(down.took()).as("attempt %d", i).isLessThan(BOUND);
            waitedForThePool = down.failure().get() instanceof SQLTransientConnectionException;
        }
        assertThat(waitedForThePool).as("a borrower waited for the pool and was told it timed out").isTrue();

        proxy.resumeAccepting();
        Timed<Integer> back = Timed.run(() -> select1(pool), HUNG);
        assertThat(back.value()).as("the same pool works again, nothing rebuilt: %s", back.failure()).contains(1);
    }

    private static int select1(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return select1(connection);
        }
    }

    private static int select1(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
