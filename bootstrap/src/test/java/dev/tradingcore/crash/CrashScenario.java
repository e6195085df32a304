package dev.tradingcore.crash;

import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.recovery.RecoverySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One seed of the crash test: a paper exchange with its state on disk, a fresh empty database, and the core started
 * against both and killed with SIGKILL at seeded random moments spread over whole runs (start-up with its migration and
 * recovery, trading, settling, the summary), then started once more to finish cleanly; after the exchange is made
 * quiet, reconcile-only runs and the ledger is checked against the exchange. At one of the kills the exchange is
 * killed with the core, as when their machine goes down, and restarted on its {@code --state}: it must have kept
 * everything it acknowledged, or the check finds fills and orders the core booked that the exchange no longer has.
 */
final class CrashScenario {

    /** The paper exchange's default credentials, which the core uses too when nothing else is configured. */
    static final String KEY_ID = PaperExchangeConfig.DEFAULT_KEY_ID;
    private static final String TRADE_DESPITE_INCOMPLETE_RECOVERY = "--trade-despite-incomplete-recovery";
    static final String SECRET_KEY = PaperExchangeConfig.DEFAULT_SECRET;

    private static final Duration EXCHANGE_START = Duration.ofSeconds(60);
    private static final Duration KILL_TRIGGER_LIMIT = Duration.ofSeconds(60);
    private static final Duration FINAL_RUN_LIMIT = Duration.ofSeconds(180);
    private static final Duration RECONCILE_LIMIT = Duration.ofSeconds(120);
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(30);
    private static final int RECONCILE_ATTEMPTS = 5;
    private static final Duration SUBMIT_IN_FLIGHT = RecoverySettings.defaults().submitInFlight();
    /** Orders of a run that is to be killed: a whole run, short enough that a seed stays within the CI budget. */
    private static final int MIN_ORDERS = 6;
    private static final int MAX_ORDERS = 12;
    /** What the core prints when recovery is done. */
    private static final String RECOVERED = "\nrecovery: ";
    private static final Pattern PROGRESS = Pattern.compile("\\[\\s*\\d+% (\\d+)/(\\d+) orders\\]");

    private final long seed;
    private final int kills;
    private final int faultPerMille;
    private final Path jar;
    private final Path directory;
    private final Random random;
    private final List<String> failures = new ArrayList<>();
    private final List<String> moments = new ArrayList<>();
    private final List<ChildProcess> children = new ArrayList<>();
    /** The round from which the next kill takes the exchange down too (once per seed). */
    private final int exchangeKillRound;
    private List<String> exchangeArgs = List.of();
    private ChildProcess exchange;
    private ExchangeApi api;
    private int exchangeKills;
    /** How long start-up (first database connection to recovery done) took in the last round that measured it. */
    private Duration startUp = Duration.ofSeconds(2);
    private String reconcileOnly = "not run";

    CrashScenario(long seed, int kills, int faultPerMille, Path jar, Path workDirectory) {
        this.seed = seed;
        this.kills = kills;
        this.faultPerMille = faultPerMille;
        this.jar = jar;
        this.directory = workDirectory.resolve(Long.toString(seed));
        this.random = new Random(seed * 0x9E3779B97F4A7C15L);
        // Its own generator, so that the core's kill moments stay what they were for each seed.
        this.exchangeKillRound = 1 + new Random(seed * 31 + 7).nextInt(Math.max(1, kills));
    }

    SeedResult run() throws IOException, SQLException {
        long started = System.nanoTime();
        recreate(directory);
        String database = TemplateDatabase.createEmpty();
        int killed = 0;
        try (Connection db = PostgresServer.get().connect(database)) {
            int port = freePort();
            exchangeArgs = List.of("paper-exchange", "--port", Integer.toString(port), "--seed", Long.toString(seed),
                    "--state", directory.resolve("exchange-state.json").toString(), "--step-millis", "20",
                    "--fault-per-mille", Integer.toString(faultPerMille));
            exchange = start("exchange", exchangeArgs, Map.of());
            api = new ExchangeApi(URI.create("http://127.0.0.1:" + port), KEY_ID, SECRET_KEY);
            if (!awaitExchange(exchange, api)) {
                return result(killed, 0, LedgerCheck.EMPTY, started);
            }
            Map<String, String> environment = coreEnvironment(database);
            List<String> broker = List.of("--broker", "paper", "--broker-url", api.base().toString());

            // A run may end by itself before its kill moment (the moment fell after its last line): another round
            // then, at most two more than the kills wanted.
            for (int round = 1; killed < kills && round <= kills + 2 && failures.isEmpty(); round++) {
                if (killDuringRun(round, db, broker, environment)) {
                    killed++;
                }
            }
            if (failures.isEmpty() && killed < kills) {
                failures.add("only " + killed + " of " + kills + " runs were killed: the others ended before their"
                        + " kill moments (" + moments + ")");
            }
            if (failures.isEmpty()) {
                finish(broker, environment);
            }
            if (failures.isEmpty()) {
                quiet(api);
            }
            if (failures.isEmpty()) {
                awaitSubmitWindow(db);
                reconcileOnly(db, broker, environment);
            }
            if (!failures.isEmpty()) {
                return result(killed, (int) StoredLedger.count(db, "orders"), LedgerCheck.EMPTY, started);
            }
            StoredLedger stored = StoredLedger.read(db);
            LedgerCheck check = check(api, stored);
            return result(killed, stored.orders().size(), check, started);
        } finally {
            // The exchange is stopped (SIGTERM) rather than killed once the seed is done: it then exits normally and
            // writes the class-data archive the next seeds' exchanges start from (see jvmOptions).
            if (exchange != null && exchange.isAlive()) {
                exchange.stop(Duration.ofSeconds(10));
            }
            children.forEach(ChildProcess::close);
            TemplateDatabase.drop(database);
        }
    }

    /**
     * Starts the core on a run of a few orders and kills it at a seeded moment of that run: in a third of the rounds
     * during start-up, that is after its first database connection and before it reports recovery done (migration
     * on the first round, recovery from the last kill on later ones), at a random fraction of how long that took in
     * an earlier round; otherwise after a random one of its orders, or after its last one (while it settles or prints
     * its summary), plus up to 150 ms (mid-stream of submissions and fills, including between the broker's
     * acknowledgement and our write).
     *
     * @return whether the core was killed (false when the run ended by itself first, or the round failed)
     */
    private boolean killDuringRun(int round, Connection db, List<String> broker, Map<String, String> environment)
            throws SQLException {
        int orders = MIN_ORDERS + random.nextInt(MAX_ORDERS - MIN_ORDERS + 1);
        boolean inStartUp = random.nextInt(3) == 0;
        // The first round of a seed kills the core while a batch of fills commits (its statements written, its COMMIT
        // on the wire or in the server): the moment a fill is durable or not, and its caller answered or not.
        boolean inCommit = round == 1;
        inStartUp = inStartUp && !inCommit;
        double fraction = random.nextDouble();
        int after = 1 + random.nextInt(orders + 1);
        long jitter = after > orders ? random.nextInt(1500) : random.nextInt(150);
        List<String> args = new ArrayList<>(List.of("run", "--orders", Integer.toString(orders), "--seed",
                Long.toString(seed * 100 + round)));
        args.addAll(broker);
        // Injected faults leave some start-ups incomplete; such a run would place no order and exit 3. This test
        // kills cores while they trade through a hostile exchange, and checks the ledger against it at the end.
        args.add(TRADE_DESPITE_INCOMPLETE_RECOVERY);
        if (!awaitNoCore(db, round)) {
            return false;
        }
        ChildProcess core = start("core-" + round, args, environment);
        String moment;
        long deadline = System.nanoTime() + KILL_TRIGGER_LIMIT.toNanos();
        if (inStartUp) {
            while (core.isAlive() && !connected(db)) {
                if (!stillWaiting(core, round, "made no database connection", deadline)) {
                    return false;
                }
                sleep(Duration.ofMillis(2));
            }
            long delay = Math.round(fraction * startUp.toMillis());
            waitWhileAlive(core, Duration.ofMillis(delay));
            moment = "in start-up, " + delay + " ms after its first database connection (" + (recovered(core)
                    ? "just after" : "before") + " recovery was done; start-up took " + startUp.toMillis()
                    + " ms before)";
        } else if (inCommit) {
                String seen = null;
            boolean slowed = false;
            while (core.isAlive() && (!slowed || (seen = commitSeen(db)) == null)) {
                if (!stillWaiting(core, round, "committed no batch of fills", deadline)) {
                    normalCommits(db);
                    return false;
                }
                slowed = slowed || slowCommits(db);
                // A millisecond between polls: the commit is held 40 ms, and a poll that never rests takes a core of
                // two from the core under test (and one from the server) for the whole round.
                sleep(Duration.ofMillis(1));
            }
            moment = "inside the COMMIT of a fill batch (" + seen + ", seen in pg_stat_activity after order "
                    + placed(core) + " of " + orders + ")";
        } else {
            long connectedAt = 0;
            boolean measured = false;
            while (core.isAlive() && placed(core) < Math.min(after, orders)) {
                if (!stillWaiting(core, round, "placed no " + after + " orders", deadline)) {
                    return false;
                }
                if (connectedAt == 0 && connected(db)) {
                    connectedAt = System.nanoTime();
                }
                if (!measured && connectedAt != 0 && recovered(core)) {
                    // How long start-up took: a later start-up kill draws its moment from this.
                    startUp = Duration.ofNanos(System.nanoTime() - connectedAt);
                    measured = true;
                }
                sleep(Duration.ofMillis(2));
            }
            waitWhileAlive(core, Duration.ofMillis(jitter));
            moment = (after > orders ? "after its last order (settling or summing up)" : "after order " + after)
                    + " of " + orders + ", +" + jitter + " ms";
        }
        if (!core.isAlive()) {
            if (inCommit) {
                normalCommits(db);
            }
            Optional<Integer> exit = core.exitCode();
            if (exit.isPresent() && exit.get() == 0) {
                moments.add("round " + round + ": the run ended by itself before its kill moment (" + moment + ")");
                log("seed " + seed + " " + moments.get(moments.size() - 1));
                return false;
            }
            failures.add("round " + round + ": the core ended by itself before the kill " + moment + "\n"
                    + core.describe());
            return false;
        }
        boolean withExchange = exchangeKills == 0 && round >= exchangeKillRound;
        if (withExchange) {
            exchange.kill();
        }
        core.kill();
        if (inCommit) {
            normalCommits(db);
        }
        if (withExchange) {
            exchangeKills++;
            moment += ", and the exchange with it (restarted on its --state)";
            exchange = start("exchange-" + round, exchangeArgs, Map.of());
            if (!awaitExchange(exchange, api)) {
                return false;
            }
        }
        moments.add("round " + round + ": " + moment);
        log("seed " + seed + " round " + round + ": killed the core " + moment + " (now " + StoredLedger.count(db,
                "orders") + " orders, " + StoredLedger.count(db, "trades") + " trades)");
        return true;
    }

    /**
     * True while the test may go on waiting for the core: it runs (or ended with 0, which the caller then sees) and the
     * deadline has not passed; otherwise false, with the failure noted and the core killed.
     */
    private boolean stillWaiting(ChildProcess core, int round, String what, long deadline) {
        if (!core.isAlive()) {
            Optional<Integer> exit = core.exitCode();
            if (exit.isPresent() && exit.get() == 0) {
                return true;
            }
            failures.add("round " + round + ": the core ended before it " + what + "\n" + core.describe());
            return false;
        }
        if (System.nanoTime() > deadline) {
            failures.add("round " + round + ": the core " + what + " within " + KILL_TRIGGER_LIMIT.toSeconds()
                    + " s\n" + core.describe());
            core.kill();
            return false;
        }
        return true;
    }

    /** Whether a core holds a connection to the database (its pools name themselves trading-core/...). */
    /**
     * A core's backend running the COMMIT of a fill batch: a transaction that inserted trades (it holds the
     * partitioned table's RowExclusiveLock until it ends) whose last statement is COMMIT, still running; null when
     * none is. The commit is held open at the server by {@link #SLOW_COMMIT} long enough for this poll to see it.
     */
    private static String commitSeen(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT a.pid FROM pg_stat_activity a"
                + " WHERE a.datname = current_database() AND a.application_name LIKE 'trading-core/%'"
                + " AND a.state = 'active' AND a.query = 'COMMIT' AND EXISTS (SELECT 1 FROM pg_locks l"
                + " WHERE l.pid = a.pid AND l.relation = to_regclass('trades') AND l.mode = 'RowExclusiveLock')"
                + " LIMIT 1")) {
            return rs.next() ? "backend " + rs.getInt(1) + " committing a fill batch" : null;
        }
    }

    /**
     * Installed in the core's database once it is migrated, for the commit kills: every COMMIT that wrote a position
     * runs this deferred trigger, which sleeps 40 ms inside the COMMIT (before its commit record), so that a kill
     * lands inside a fill batch's COMMIT rather than around it. Only the timing changes: the trigger writes nothing.
     */
    static final String SLOW_COMMIT = """
            CREATE OR REPLACE FUNCTION crash_test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_sleep(0.04);
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS crash_test_slow_commit ON positions;
            CREATE CONSTRAINT TRIGGER crash_test_slow_commit AFTER INSERT OR UPDATE ON positions
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION crash_test_slow_commit();
            """;

    /** Slows the commits of fill batches (see {@link #SLOW_COMMIT}) once the core has migrated its database. */
    private static boolean slowCommits(Connection db) throws SQLException {
        if (StoredLedger.count(db, "pg_tables", "tablename = 'positions' AND schemaname = 'public'") == 0) {
            return false;
        }
        try (Statement st = db.createStatement()) {
            st.execute(SLOW_COMMIT);
        }
        return true;
    }

    /** Removes {@link #SLOW_COMMIT}'s trigger: only the commit-kill round runs with it. */
    private static void normalCommits(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS crash_test_slow_commit ON positions");
        } catch (SQLException absent) {
            // no positions table yet: nothing was installed
        }
    }

    private static boolean connected(Connection db) throws SQLException {
        return StoredLedger.count(db, "pg_stat_activity", "datname = current_database()"
                + " AND application_name LIKE 'trading-core/%'") > 0;
    }

    /** Before a core starts: the server has dropped the connections of the one killed before. */
    private boolean awaitNoCore(Connection db, int round) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (connected(db)) {
            if (System.nanoTime() > deadline) {
                failures.add("round " + round + ": the killed core's database connections were still there after"
                        + " 30 s");
                return false;
            }
            sleep(Duration.ofMillis(10));
        }
        return true;
    }

    private static boolean recovered(ChildProcess core) {
        return core.output().contains(RECOVERED);
    }

    /** The orders the run has placed so far, from its progress lines. */
    private static int placed(ChildProcess core) {
        Matcher progress = PROGRESS.matcher(core.output());
        int placed = 0;
        while (progress.find()) {
            placed = Math.max(placed, Integer.parseInt(progress.group(1)));
        }
        return placed;
    }

    /** A last clean run: recovers from the last kill, trades a little, ends with its summary. */
    private void finish(List<String> broker, Map<String, String> environment) {
        List<String> args = new ArrayList<>(List.of("run", "--orders", "20", "--seed", Long.toString(seed * 100)));
        args.addAll(broker);
        args.add(TRADE_DESPITE_INCOMPLETE_RECOVERY);
        ChildProcess core = start("core-final", args, environment);
        Optional<Integer> exit = core.awaitExit(FINAL_RUN_LIMIT);
        if (exit.isEmpty()) {
            failures.add("the final run did not end within " + FINAL_RUN_LIMIT.toSeconds() + " s\n" + core.describe());
            core.kill();
        } else if (exit.get() != 0) {
            failures.add("the final run exited with " + exit.get() + "\n" + core.describe());
        }
    }

    /**
     * Cancels every open order at the exchange, so that nothing changes there while the ledger is checked (the
     * exchange serves no DELETE /v2/orders: one DELETE per open order).
     */
    private void quiet(ExchangeApi api) {
        long deadline = System.nanoTime() + QUIET_LIMIT.toNanos();
        while (true) {
            List<ExchangeApi.Order> open = api.openOrders();
            if (open.isEmpty()) {
                return;
            }
            for (ExchangeApi.Order order : open) {
                int status = api.cancel(order.id());
                if (status != 204 && status != 200 && status != 422) {
                    failures.add("DELETE /v2/orders/" + order.id() + " at the exchange answered " + status);
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                failures.add("the exchange still has open orders " + QUIET_LIMIT.toSeconds()
                        + " s after cancelling them: " + api.openOrders());
                return;
            }
        }
    }

    /**
     * Waits until every order still pending in our books is older than its submit's time in flight (30 s, the core's
     * {@link RecoverySettings#submitInFlight()}). A seed runs in about 20 s: a submit lost with a killed core or exchange is
     * younger than that at the end, and recovery rightly leaves such an order for retry ("its submit may still be in
     * flight"); an operator would run {@code reconcile-only} again a moment later. The simulation's quiet end waits
     * the same way.
     */
    private void awaitSubmitWindow(Connection db) throws SQLException {
        Instant youngest;
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT max(submitted_at) FROM orders WHERE status = 'pending'")) {
            rs.next();
            java.sql.Timestamp newest = rs.getTimestamp(1);
            if (newest == null) {
                return;
            }
            youngest = newest.toInstant();
        }
        Duration wait = Duration.between(Instant.now(), youngest.plus(SUBMIT_IN_FLIGHT).plusSeconds(1));
        if (!wait.isNegative()) {
            log("seed " + seed + ": a pending order placed at " + youngest + ": waiting " + wait.toSeconds()
                    + " s for its submit window before reconcile-only");
            sleep(wait);
        }
    }

    /**
     * Recovery once more against the quiet exchange: 0 (nothing differed) or 1 (corrected) are both fine here, and
     * what an exit 1 corrected is recorded: orders the test cancelled and fills executed after the final run settle
     * (explained by the scenario); a position it corrected is a finding of the verdict. With injected faults, 2 (an
     * order left for retry after a 500 or a timeout) is what an operator would meet too: run it again, up to
     * {@value #RECONCILE_ATTEMPTS} times; without faults, 2 fails the seed at once.
     */
    private void reconcileOnly(Connection db, List<String> broker, Map<String, String> environment)
            throws SQLException {
        int attempts = faultPerMille > 0 ? RECONCILE_ATTEMPTS : 1;
        long correctionsBefore = StoredLedger.count(db, "audit_log", "action = 'position_corrected'");
        long recoveredBefore = StoredLedger.count(db, "audit_log", "action = 'order_recovered'");
        long tradesBefore = StoredLedger.count(db, "trades");
        for (int attempt = 1; attempt <= attempts; attempt++) {
            List<String> args = new ArrayList<>(List.of("reconcile-only"));
            args.addAll(broker);
            ChildProcess reconcile = start(attempt == 1 ? "reconcile-only" : "reconcile-only-" + attempt, args,
                    environment);
            Optional<Integer> exit = reconcile.awaitExit(RECONCILE_LIMIT);
            if (exit.isEmpty()) {
                failures.add("reconcile-only did not end within " + RECONCILE_LIMIT.toSeconds() + " s\n"
                        + reconcile.describe());
                reconcile.kill();
                return;
            }
            if (exit.get() == 0 || exit.get() == 1) {
                long corrected = StoredLedger.count(db, "audit_log", "action = 'position_corrected'")
                        - correctionsBefore;
                long settled = StoredLedger.count(db, "audit_log", "action = 'order_recovered'") - recoveredBefore;
                long fills = StoredLedger.count(db, "trades") - tradesBefore;
                reconcileOnly = "exit " + exit.get() + (attempt > 1 ? " (attempt " + attempt + ")" : "")
                        + (exit.get() == 0 ? "" : corrected == 0
                                ? " (explained: " + settled + " order(s) the test cancelled or that filled after the"
                                        + " final run settled, " + fills + " fill(s) read; no position corrected)"
                                : " (" + corrected + " position(s) corrected: findings)");
                return;
            }
            if (attempt == attempts) {
                failures.add("reconcile-only exited with " + exit.get() + " (2 or more: could not reconcile)"
                        + (attempts > 1 ? " " + attempts + " times" : "") + "\n" + reconcile.describe());
                return;
            }
            log("seed " + seed + ": reconcile-only exited with " + exit.get() + " (injected faults), again");
        }
    }

    private static LedgerCheck check(ExchangeApi api, StoredLedger stored) {
        List<ExchangeApi.Order> orders = api.allOrders();
        Map<String, BigDecimal> positions = api.positions();
        return LedgerCheck.compare(api.fills(), positions, orders, stored);
    }

    private SeedResult result(int killed, int orders, LedgerCheck check, long started) {
        SeedResult result = new SeedResult(seed, faultPerMille, killed, exchangeKills, List.copyOf(moments), orders, check,
                reconcileOnly, List.copyOf(failures), Duration.ofNanos(System.nanoTime() - started));
        if (!result.passed()) {
            List<String> where = new ArrayList<>();
            for (ChildProcess child : children) {
                where.add("  " + child.name() + ": " + child.out() + " , " + child.err());
            }
            log("seed " + seed + ": process output under " + directory + "\n" + String.join("\n", where));
        }
        return result;
    }

    private boolean awaitExchange(ChildProcess exchange, ExchangeApi api) {
        long deadline = System.nanoTime() + EXCHANGE_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!exchange.isAlive()) {
                failures.add("the paper exchange ended at start\n" + exchange.describe());
                return false;
            }
            if (api.answers()) {
                return true;
            }
            sleep(Duration.ofMillis(100));
        }
        failures.add("the paper exchange did not answer GET /v2/account within " + EXCHANGE_START.toSeconds()
                + " s\n" + exchange.describe());
        return false;
    }

    private Map<String, String> coreEnvironment(String database) {
        DatabaseUrl url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl();
        StringBuilder withUser = new StringBuilder(jdbc).append(jdbc.contains("?") ? '&' : '?')
                .append("user=").append(encode(url.user().orElse("postgres")));
        url.password().ifPresent(p -> withUser.append("&password=").append(encode(p)));
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", withUser.toString());
        environment.put("DATABASE_PASSWORD", null);
        return environment;
    }

    private ChildProcess start(String name, List<String> args, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        ChildProcess child = ChildProcess.start(name, jar, jvmOptions(name), args, env, directory);
        children.add(child);
        return child;
    }

    /**
     * Start-up options for a child JVM, for speed only (off with {@code -Dcrash.fast-start=false}): a seed starts about
     * eight JVMs, each loading the same few thousand classes (CDI, Flyway, HikariCP, Jackson), and on CI's two cores
     * their start-up is most of the test's time. A class-data archive per kind of process (core or exchange), written
     * by the first one of its kind that exits normally ({@code -XX:+AutoCreateSharedArchive}; a killed JVM writes
     * none) and mapped by the next ones; and the client compiler only, since each JVM lives seconds. What runs, and
     * where it is killed, is the same.
     */
    private List<String> jvmOptions(String name) {
        if (!Boolean.parseBoolean(System.getProperty("crash.fast-start", "true"))) {
            return List.of();
        }
        String kind = name.startsWith("exchange") ? "exchange" : "core";
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + directory.getParent().resolve(kind + ".jsa"), "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
    }

    private static void waitWhileAlive(ChildProcess process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(Math.min(10, Math.max(1, (deadline - System.nanoTime()) / 1_000_000))));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var walk = Files.walk(directory)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(directory);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the crash test was interrupted", e);
        }
    }

    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
