package dev.tradingcore.bootstrap.outage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.embedded.EmbeddedPostgresServer;
import dev.tradingcore.adapters.postgres.testing.FaultProxy;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.domain.port.Alert;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core rides through database outages shorter and longer than the resting-orders policy's wait while it trades,
 * whatever the outage looks like:
 * a server that refuses connections (its port closed, open connections reset), a network that black-holes every
 * packet (no FIN, no RST), a real PostgreSQL stopped and started again. The series run side by side, each on its own
 * database (the stopped server on its own server), so that the build waits about as long as the longest series.
 *
 * <p>After each series, what a person checks: the session went on (nothing escaped the core), every fill the broker
 * made, during the outages too, is booked exactly once, the core's positions are the broker's, no call of the
 * trading thread blocked longer than the timeout and a second, every refused order said why, and each outage raised
 * one alert and resolved it once.
 *
 * <p>The build runs outages of 5, 10 and 20 s with {@code trading.resting-orders-degraded-after} at 15 s: one as long
 * as the breaker's wait in the open state (5 s), one of several probes, and one longer than the resting-orders wait,
 * as 45 s is longer than the production wait of 30 s. The full-size run, 5, 15 and 45 s against 30 s, is
 * {@code -Doutage.seconds=5,15,45 -Doutage.degraded-after-seconds=30} (docs/operations.md records one). Same kinds of
 * outage, same checks: only the clock is shorter, by 30 s of the build. Each series' summary says how often the
 * resting-orders policy was applied.
 */
class DatabaseOutageRideThroughTest {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageRideThroughTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The promise: no thread waits longer than the timeout and a second. */
    private static final Duration BOUND = TIMEOUT.plusSeconds(1);
    private static final List<Duration> OUTAGES = java.util.Arrays.stream(System.getProperty("outage.seconds",
            "5,10,20").split(",")).map(s -> Duration.ofSeconds(Long.parseLong(s.strip()))).toList();
    /** How long the database may be away before the resting-orders policy applies; the longest outage outlasts it. */
    private static final Duration DEGRADED_AFTER = Duration.ofSeconds(Long.getLong("outage.degraded-after-seconds",
            15));

    @TempDir
    Path dir;

    /** How one kind of outage starts and ends. */
    private interface Outage {
        void begin() throws Exception;

        void end() throws Exception;
    }

    @Test
    void the_core_rides_through_refused_black_holed_restarted_and_full_databases_shorter_and_longer_than_its_waits()
            throws Exception {
        assertThat(OUTAGES.get(0)).as("the shortest outage lasts the breaker's wait in the open state at least")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(OUTAGES.get(OUTAGES.size() - 1)).as("the longest outage outlasts the resting-orders wait")
                .isGreaterThan(DEGRADED_AFTER);
        ExecutorService series = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            results.add(series.submit(proxied("refused", 101, proxy -> new Outage() {
                public void begin() {
                    proxy.stopAccepting();
                    proxy.dropConnections();
                }

                public void end() {
                    proxy.resumeAccepting();
                }
            })));
            results.add(series.submit(proxied("black-holed", 102, proxy -> new Outage() {
                public void begin() {
                    proxy.blackhole();
                }

                public void end() {
                    proxy.heal();
                }
            })));
            results.add(series.submit(restartedServer(103)));
            results.add(series.submit(fullTablespace(104)));
            List<String> failures = new ArrayList<>();
            for (Future<String> result : results) {
                try {
                    LOG.info("{}", result.get(6, TimeUnit.MINUTES));
                } catch (java.util.concurrent.ExecutionException failed) {
                    LOG.error("a series failed", failed.getCause());
                    failures.add(String.valueOf(failed.getCause()));
                }
            }
            assertThat(failures).as("every series rode through").isEmpty();
        } finally {
            series.shutdownNow();
        }
    }

    private Callable<String> proxied(String kind, long seed, java.util.function.Function<FaultProxy, Outage> outage) {
        return () -> {
            String database = TemplateDatabase.createEmpty();
            DatabaseUrl direct = PostgresServer.get().urlOf(database);
            String hostPort = direct.hosts();
            int colon = hostPort.lastIndexOf(':');
            try (FaultProxy proxy = FaultProxy.to(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1)))) {
                DatabaseUrl through = direct.withHosts("127.0.0.1:" + proxy.port());
                return ride(kind, seed, through, outage.apply(proxy), () -> PostgresServer.get().connect(database));
            } finally {
                TemplateDatabase.drop(database);
            }
        };
    }

    private Callable<String> restartedServer(long seed) {
        return () -> {
            Path data = dir.resolve("pgdata");
            int port = freePort();
            EmbeddedPostgresServer[] server = {EmbeddedPostgresServer.startPersistent(data, port)};
            try {
                DatabaseUrl url = DatabaseUrl.parse(server[0].jdbcUrl("postgres") + "?user=postgres");
                return ride("stopped-and-restarted", seed, url, new Outage() {
                    public void begin() {
                        server[0].close();
                    }

                    public void end() {
                        server[0] = EmbeddedPostgresServer.startPersistent(data, port);
                    }
                }, () -> DriverManager.getConnection(url.jdbcUrl(), "postgres", ""));
            } finally {
                server[0].close();
            }
        };
    }

    /**
     * A full disk, without root and without a file system of its own: the server's processes get a file size limit
     * (RLIMIT_FSIZE, set with {@code prlimit} on the postmaster and each of its children, as their owner may) below
     * the size of the audit trail's partition, which was padded past it first. PostgreSQL ignores SIGXFSZ, so every
     * write that needs the partition to grow fails with "could not extend file ...", as on a full tablespace, while
     * WAL segments (16 MB, under the limit) and every other file still grow. Every booking writes an audit line in its
     * transaction, so no order and no fill can be recorded until the limit is lifted again.
     */
    private Callable<String> fullTablespace(long seed) {
        return () -> {
            Path data = dir.resolve("pgdata-full");
            int port = freePort();
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data, port)) {
                DatabaseUrl url = DatabaseUrl.parse(server.jdbcUrl("postgres") + "?user=postgres");
                Connect admin = () -> DriverManager.getConnection(url.jdbcUrl(), "postgres", "");
                long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(data.resolve("postmaster.pid"))
                        .get(0).strip());
                return ride("tablespace-full", seed, url, new Outage() {
                    private boolean padded;

                    public void begin() throws Exception {
                        if (!padded) {
                            try (Connection c = admin.open(); Statement st = c.createStatement()) {
                                st.execute("INSERT INTO audit_log (component, action, details) SELECT 'test',"
                                        + " 'padding', jsonb_build_object('pad', repeat('x', 400)) FROM"
                                        + " generate_series(1, " + PADDING_ROWS + ")");
                                st.execute("CHECKPOINT");
                            }
                            padded = true;
                        }
                        fileSizeLimit(postmaster, Long.toString(FILE_SIZE_LIMIT));
                    }

                    public void end() throws Exception {
                        fileSizeLimit(postmaster, "unlimited");
                    }
                }, admin);
            }
        };
    }

    /** Above a WAL segment (16 MB), below the padded audit partition. */
    private static final long FILE_SIZE_LIMIT = 18L * 1024 * 1024;
    /** About 22 MB of audit lines. */
    private static final int PADDING_ROWS = 45_000;

    /** Sets the soft file size limit of the server and every process it started (the hard limit stays). */
    private static void fileSizeLimit(long postmaster, String soft) throws Exception {
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow(() -> new AssertionError("no postmaster " + postmaster))
                .descendants().forEach(p -> pids.add(p.pid()));
        for (long pid : pids) {
            Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--fsize=" + soft + ":")
                    .redirectErrorStream(true).start();
            String output = new String(prlimit.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = prlimit.waitFor();
            if (status != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new AssertionError("prlimit --pid " + pid + " --fsize=" + soft + ": failed (" + status + "): "
                        + output);
            }
        }
    }

    private interface Connect {
        Connection open() throws Exception;
    }

    private static String ride(String kind, long seed, DatabaseUrl url, Outage outage, Connect admin)
            throws Exception {
        try (TradingSession session = new TradingSession(kind, url, TIMEOUT, DEGRADED_AFTER, seed)) {
            waitFor(Duration.ofSeconds(60), kind + ": fills booked before the first outage",
                    () -> session.fillsApplied.get() >= 5);
            session.measure();
            List<Integer> brokerFillsDuringOutages = new ArrayList<>();
            for (Duration length : OUTAGES) {
                int acceptedBefore = session.accepted.get();
                waitFor(Duration.ofSeconds(30), kind + ": orders accepted before the outage",
                        () -> !session.trading() || session.accepted.get() >= acceptedBefore + 3);
                int brokerFillsBefore = session.brokerTradeIds().size();
                outage.begin();
                Thread.sleep(length.toMillis());
                brokerFillsDuringOutages.add(session.brokerTradeIds().size() - brokerFillsBefore);
                long fillsBefore = session.fillsApplied.get();
                outage.end();
                waitFor(Duration.ofSeconds(60), kind + ": the database is in use again after " + length.toSeconds()
                        + " s", () -> !session.trading() || session.core.databaseHealth()
                                .startsWith("database available") && session.fillsApplied.get() > fillsBefore);
                assertThat(session.escaped).as("%s: nothing escaped the core during a %d s outage", kind,
                        length.toSeconds()).isEmpty();
                int outagesSoFar = brokerFillsDuringOutages.size();
                // A person sees the outage resolved before the next one starts (else the two are one incident).
                waitFor(Duration.ofSeconds(30), kind + ": the outage of " + length.toSeconds() + " s resolved",
                        () -> session.alerts.titles().count("Database available again"::equals) >= outagesSoFar,
                        () -> "alerts " + session.alerts.titles() + ", " + session.core.databaseHealth());
            }
            session.stopTrading();
            session.settle(Duration.ofSeconds(30));

            List<String> stored = new ArrayList<>();
            try (Connection c = admin.open(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT trade_id FROM trades")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            List<Alert> raised = session.alerts.alerts().filter(a -> a.title().equals("Database unavailable"))
                    .toJavaList();
            List<Alert> resolved = session.alerts.alerts().filter(a -> a.title().equals("Database available again"))
                    .toJavaList();
            long policyApplied = session.alerts.alerts().count(a -> a.context().get("trigger").contains(
                    dev.tradingcore.application.order.RestingOrders.Trigger.DEGRADED.code()));
            String summary = String.format("%s: %d accepted, refused %s, %d fills stored (made at the broker during"
                    + " the outages: %s), longest call %s %d ms, longest database call %d ms, resting-orders policy"
                    + " applied %d time(s), alerts %s", kind, session.accepted.get(), session.refusals, stored.size(),
                    brokerFillsDuringOutages, session.longestCallName(), session.longestCall().toMillis(),
                    session.longestDatabaseCall().toMillis(), policyApplied, session.alerts.titles());

            assertThat(session.escaped).as(summary).isEmpty();
            assertThat(brokerFillsDuringOutages).as("%s: the broker filled our orders during each outage", summary)
                    .allSatisfy(n -> assertThat(n).isPositive());
            assertThat(stored).as("%s: every fill of the broker booked exactly once", summary).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(session.brokerTradeIds());
            assertThat(session.corePositions()).as("%s: positions are the broker's", summary)
                    .isEqualTo(session.brokerPositions());
            assertThat(session.longestCall()).as("%s: no call blocked past the timeout and a second", summary)
                    .isLessThanOrEqualTo(BOUND);
            assertThat(session.longestDatabaseCall()).as("%s: no database call of any thread blocked past the"
                    + " timeout and a second", summary).isLessThanOrEqualTo(BOUND);
            assertThat(session.refusals).as("%s: orders were refused while the database was away", summary)
                    .isNotEmpty();
            assertThat(session.refusalMessages).as("every refusal says why").allSatisfy(m -> assertThat(m)
                    .matches("[a-z_]+: .{10,}"));
            assertThat(raised).as("%s: one alert raised per outage", summary).hasSize(OUTAGES.size());
            assertThat(resolved).as("%s: one alert resolved per outage", summary).hasSize(OUTAGES.size());
            assertThat(session.alerts.titles()).as("%s: the outage is one incident, not one per failing part",
                    summary).doesNotContain("Broker sync failing");
            return summary;
        }
    }

    private static void waitFor(Duration bound, String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        waitFor(bound, what, condition, () -> "");
    }

    private static void waitFor(Duration bound, String what, java.util.function.BooleanSupplier condition,
            java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound.toSeconds() + " s: " + what + " " + state.get());
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
