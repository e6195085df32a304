package dev.tradingcore.adapters.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.StreamingPair;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Analytics read a real streaming replica while it is healthy, with its lag measured; a replica held back beyond the
 * bound, or stopped, sends them to the primary with one warning, and they return when it is healthy again. Trading
 * stays on the primary throughout.
 */
class ReplicaReadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration MAX_LAG = Duration.ofSeconds(1);

    @TempDir
    Path tmp;

    private StreamingPair pair;
    private DatabasePools pools;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws SQLException {
        pair = StreamingPair.start(tmp);
        try (Connection c = pair.primary().connect(StreamingPair.DATABASE); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ticks (n int)");
        }
        DatabaseUrl primary = DatabaseUrl.parse("jdbc:postgresql://localhost:" + pair.primary().port() + "/"
                + StreamingPair.DATABASE + "?user=postgres");
        DatabaseUrl replica = primary.withHosts("localhost:" + pair.runningReplica().port());
        log.start();
        ((Logger) LoggerFactory.getLogger(AnalyticsRouting.class)).addAppender(log);
        pools = DatabasePools.open(primary, Optional.of(replica), ComponentPoolSizes.DESIGN, TIMEOUT, MAX_LAG);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(AnalyticsRouting.class)).detachAppender(log);
        if (pools != null) {
            pools.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void analytics_read_the_replica_with_its_lag_measured_while_trading_stays_on_the_primary() throws Exception {
        Eventually.within(BOUND, "analytics on the replica", () -> route().onReplica());
        execute("INSERT INTO ticks VALUES (1)");
        Eventually.within(BOUND, "the replica shows the tick", () -> ticks(pools.analytics()) == 1);

        assertThat(port(pools.analytics())).as("analytics answered by the replica")
                .isEqualTo(pair.runningReplica().port());
        assertThat(port(pools.execution())).as("trading on the primary").isEqualTo(pair.primary().port());
        pools.analyticsRouting().orElseThrow().sample();
        ReplicaLag lag = route().lastLag().orElseThrow();
        System.out.println("replica lag measured while streaming: " + lag.describe());
        assertThat(lag.behind()).as("a streaming replica on loopback is within the bound").isLessThan(MAX_LAG);
    }

    @Test
    void a_replica_held_back_beyond_the_bound_sends_analytics_to_the_primary_once_until_it_catches_up()
            throws Exception {
        Eventually.within(BOUND, "analytics on the replica", () -> route().onReplica());
        pair.runningReplica().pauseReplay();
        long started = System.nanoTime();
        int written = 0;
        while (route().onReplica() && System.nanoTime() - started < BOUND.toNanos()) {
            execute("INSERT INTO ticks VALUES (" + (++written) + ")");
            Thread.sleep(50);
        }
        Duration noticed = Duration.ofNanos(System.nanoTime() - started);
        AnalyticsRoute fallback = route();
        assertThat(fallback.onReplica()).as("analytics left the lagging replica").isFalse();
        assertThat(fallback.reason()).contains("lags");
        ReplicaLag lag = fallback.lastLag().orElseThrow();
        System.out.println("replica held back: analytics left it after " + noticed.toMillis() + " ms, lag "
                + lag.describe() + " (bound " + MAX_LAG.toMillis() + " ms)");
        assertThat(lag.behind()).isGreaterThan(MAX_LAG);
        assertThat(lag.bytes()).isPositive();
        assertThat(port(pools.analytics())).as("analytics answered by the primary").isEqualTo(pair.primary().port());
        assertThat(ticks(pools.analytics())).as("the primary shows every tick").isEqualTo(written);

        Thread.sleep(1_500); // several more samples, still lagging: no second warning
        pair.runningReplica().resumeReplay();
        Eventually.within(BOUND, "analytics back on the replica", () -> route().onReplica());
        assertThat(port(pools.analytics())).isEqualTo(pair.runningReplica().port());
        assertThat(ticks(pools.analytics())).as("the replica caught up").isEqualTo(written);
        assertThat(messages(Level.WARN)).as("one warning for the whole episode").hasSize(1);
        assertThat(messages(Level.INFO)).anyMatch(m -> m.contains("from the replica again"));
    }

    @Test
    void a_stopped_replica_sends_analytics_to_the_primary_and_a_new_one_brings_them_back() throws Exception {
        Eventually.within(BOUND, "analytics on the replica", () -> route().onReplica());
        int replicaPort = pair.runningReplica().port();
        pair.runningReplica().stop();

        long started = System.nanoTime();
        assertThat(port(pools.analytics())).as("the first read after the stop is answered by the primary")
                .isEqualTo(pair.primary().port());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("first analytics read with the replica stopped took " + took.toMillis() + " ms");
        assertThat(route().onReplica()).isFalse();
        assertThat(route().reason()).contains("replica");

        pair.rebuildReplica();
        Eventually.within(BOUND, "analytics back on the replica", () -> route().onReplica());
        assertThat(port(pools.analytics())).isEqualTo(replicaPort);
        assertThat(messages(Level.WARN)).hasSize(1);
    }

    private AnalyticsRoute route() {
        return pools.analyticsRoute().orElseThrow();
    }

    private List<String> messages(Level level) {
        return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = pools.execution().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long ticks(DataSource pool) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM ticks")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static int port(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT inet_server_port()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
