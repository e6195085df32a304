package dev.tradingcore.adapters.postgres.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.FaultProxy;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.adapters.postgres.testing.Timed;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guard against a real server that goes away and comes back, with no traffic needed to notice the return. */
class DatabaseGuardTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BOUND = TIMEOUT.multipliedBy(3).plusSeconds(2);

    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final List<BreakerTransition> transitions = new CopyOnWriteArrayList<>();
    private FaultProxy proxy;
    private HikariDataSource pool;
    private DatabaseGuard guard;

    @BeforeEach
    void start() {
        String hostPort = db.url().hosts();
        int colon = hostPort.lastIndexOf(':');
        proxy = FaultProxy.to(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        pool = ConnectionPools.open(db.url().withHosts("127.0.0.1:" + proxy.port()),
                new PoolSettings("guarded", 3, TIMEOUT, false));
        guard = new DatabaseGuard("primary", GuardSettings.forTimeout(TIMEOUT).withWaitInOpenState(
                Duration.ofMillis(500)), alerts, Clock.systemUTC()).probingWith(pool);
        guard.onTransition(transitions::add);
    }

    @AfterEach
    void stop() {
        guard.close();
        pool.close();
        proxy.close();
    }

    @Test
    void an_outage_opens_the_breaker_calls_then_fail_fast_and_the_probe_closes_it_when_the_server_is_back() {
        assertThat(guard.execute(this::select1, true)).isEqualTo(1);

        proxy.stopAccepting();
        proxy.dropConnections();
        int calls = 0;
        while (guard.status().state() == BreakerState.CLOSED && calls++ < 20) {
            Timed<Integer> call = Timed.run(() -> guard.execute(this::select1, true), Duration.ofSeconds(30));
            assertThat(call.failure()).as("call %d", calls).containsInstanceOf(StoreUnavailableException.class);
            assertThat(call.took()).as("call %d", calls).isLessThan(BOUND);
        }
        assertThat(guard.status().state()).isEqualTo(BreakerState.OPEN);
        assertThat(guard.acceptingWork()).isFalse();
        assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL).map(Alert::title)).containsExactly("Database unavailable");

        AtomicInteger attemptsWhileOpen = new AtomicInteger();
        Timed<Integer> whileOpen = Timed.run(() -> guard.execute(() -> {
            attemptsWhileOpen.incrementAndGet();
            return select1();
        }, true), Duration.ofSeconds(30));
        assertThat(whileOpen.failure().get()).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("database unavailable since");
        assertThat(attemptsWhileOpen).as("fails fast: the call is not even attempted, so no connection is asked for")
                .hasValue(0);

        proxy.resumeAccepting();
        Eventually.within(Duration.ofSeconds(15), "the probe closes the breaker without any traffic",
                () -> guard.status().state() == BreakerState.CLOSED);

        assertThat(guard.execute(this::select1, true)).isEqualTo(1);
        assertThat(guard.acceptingWork()).isTrue();
        Eventually.within(Duration.ofSeconds(10), "the incident resolved once the breaker stayed closed",
                () -> alerts.ofSeverity(AlertSeverity.INFO).map(Alert::title).contains("Database available again"));
        assertThat(transitions.getFirst().to()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions.getLast().to()).isEqualTo(BreakerState.CLOSED);
    }

    private int select1() {
        try (Connection connection = pool.getConnection(); Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new DatabaseCallFailed(e);
        }
    }

    /** A test's unchecked carrier of the driver's exception, as MyBatis's PersistenceException would be. */
    static final class DatabaseCallFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseCallFailed(SQLException cause) {
            super(cause);
        }
    }
}
