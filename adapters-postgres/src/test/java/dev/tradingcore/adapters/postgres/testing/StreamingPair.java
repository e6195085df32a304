package dev.tradingcore.adapters.postgres.testing;

import dev.tradingcore.adapters.postgres.backup.PgTools;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A primary and a physical streaming replica of it on loopback, as PostgreSQL's own replication builds them: the
 * replica is a {@code pg_basebackup -R} of the primary through a replication slot, and streams its WAL from then on.
 * Tests stop, kill (an immediate shutdown: the postmaster gets SIGQUIT, as {@code pg_ctl stop -m immediate} sends),
 * promote or hold back (WAL replay paused) either server on demand, and rebuild a replica of whichever server is the
 * primary now, on the port the dead one had, so that a multi-host URL listing the two ports stays right across any
 * number of failovers.
 *
 * <p>The servers are the embedded PostgreSQL's (zonky's binaries, which run as root, as CI does). zonky's bundle holds
 * initdb, pg_ctl and postgres only: {@code pg_basebackup} is the packaged client's of the same major version (Debian:
 * {@code /usr/lib/postgresql/15/bin}), found like pg_dump by {@link PgTools}; missing, the kit fails and says so.
 *
 * <p>Every server commits with {@code synchronous_commit = on} (zonky's throw-away servers default to {@code off},
 * which acknowledges a commit before its WAL is written: an immediate stop would lose it). Synchronous replication is
 * switched on with {@link #requireSynchronousStandby(boolean)}, which sets {@code synchronous_standby_names} on the
 * primary as a failover manager does (Patroni's {@code synchronous_mode}): on when a replica streams, cleared on a
 * promoted server until a new replica attaches to it.
 */
public final class StreamingPair implements AutoCloseable {

    /** The database the pair holds for the tests (created on the primary, streamed to the replica). */
    public static final String DATABASE = "trading";

    /** How long a start, a base backup or a promotion may take on a loaded 2-core machine before the kit gives up. */
    private static final Duration BOUND = Duration.ofSeconds(180);

    private final Path root;
    private final int[] ports;
    private final List<Node> everyNode = new ArrayList<>();
    private final PgTools tools;
    private Node primary;
    private Optional<Node> replica = Optional.empty();
    private boolean synchronous;
    private int generation;

    private StreamingPair(Path root, int[] ports, PgTools tools) {
        this.root = root;
        this.ports = ports;
        this.tools = tools;
    }

    /**
     * Starts a primary holding an empty database {@value #DATABASE}, and a streaming replica of it, each on a free
     * loopback port, their data under {@code root}.
     */
    public static StreamingPair start(Path root) {
        PgTools tools = PgTools.locate(Optional.empty(), 15);
        StreamingPair pair = new StreamingPair(root, new int[] {freePort(), freePort()}, tools);
        try {
            pair.primary = pair.startNode(pair.ports[0], Optional.empty());
            try (Connection c = pair.primary.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
            pair.replica = Optional.of(pair.newReplica());
            return pair;
        } catch (SQLException | RuntimeException e) {
            pair.close();
            throw new IllegalStateException("could not start the streaming pair: " + e.getMessage(), e);
        }
    }

    /** The server that takes writes now. */
    public Node primary() {
        return primary;
    }

    /** The replica, if one runs (none between a failover and {@link #rebuildReplica()}). */
    public Optional<Node> replica() {
        return replica;
    }

    /** The running replica; fails the test when there is none. */
    public Node runningReplica() {
        return replica.filter(Node::running).orElseThrow(() -> new IllegalStateException("no replica runs"));
    }

    /** Both ports in the order the pair was started: {@code localhost:p1,localhost:p2}, a multi-host list. */
    public String hosts() {
        return "localhost:" + ports[0] + ",localhost:" + ports[1];
    }

    /**
     * Makes a commit on the primary wait for the replica ({@code synchronous_standby_names = '*'}), or not; kept for
     * every primary the pair has from now on.
     */
    public void requireSynchronousStandby(boolean required) {
        this.synchronous = required;
        if (replica.isPresent()) {
            setSynchronousStandbyNames(primary, required ? "*" : "");
        }
    }

    /** An immediate stop of the primary: no checkpoint, no goodbye to clients, as when its machine dies. */
    public void killPrimary() {
        primary.kill();
    }

    /**
     * Promotes the replica and makes it the primary; waits until it takes writes. A failover manager would then
     * run the new primary without a synchronous standby until one attaches (otherwise every commit would wait for a
     * replica that does not exist yet): so does the pair.
     */
    public Node promoteReplica() {
        Node promoted = runningReplica();
        try (Connection c = promoted.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_promote(true, " + BOUND.toSeconds() + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("could not promote " + promoted + ": " + e.getMessage(), e);
        }
        setSynchronousStandbyNames(promoted, "");
        primary = promoted;
        replica = Optional.empty();
        return promoted;
    }

    /**
     * A new replica of the current primary, by base backup, on the port of the server that is not the primary (which
     * must not be running); synchronous again if the pair is.
     */
    public Node rebuildReplica() {
        replica.ifPresent(Node::stop);
        for (Node node : everyNode) {
            if (node != primary && node.running()) {
                node.stop();
            }
        }
        Node fresh = newReplica();
        replica = Optional.of(fresh);
        return fresh;
    }

    private Node newReplica() {
        int port = primary.port() == ports[0] ? ports[1] : ports[0];
        String slot = "replica_" + port + "_" + (++generation);
        Path dataDirectory = root.resolve("node-" + generation + "-" + port);
        dropInactiveSlots(primary);
        List<String> command = List.of(tools.program("pg_basebackup").toString(), "--pgdata=" + dataDirectory,
                "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--slot=" + slot,
                "--create-slot", "--no-password", "--host=localhost", "--port=" + primary.port(),
                "--username=postgres");
        run(command);
        Node node = startNode(port, Optional.of(dataDirectory));
        if (synchronous) {
            setSynchronousStandbyNames(primary, "*");
        }
        Eventually.within(BOUND, node + " streams from " + primary, () -> streamingTo(primary, slot));
        return node;
    }

    /** A slot whose replica is gone would hold WAL on the primary forever. */
    private static void dropInactiveSlots(Node node) {
        try (Connection c = node.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the old replication slots on " + node, e);
        }
    }

    private static boolean streamingTo(Node primary, String slot) {
        try (Connection c = primary.connect("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot
                        + "' AND active")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void setSynchronousStandbyNames(Node node, String names) {
        try (Connection c = node.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET synchronous_standby_names = '" + names + "'");
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not set synchronous_standby_names on " + node, e);
        }
    }

    private Node startNode(int port, Optional<Path> baseBackup) {
        Path dataDirectory = baseBackup.orElseGet(() -> root.resolve("node-" + (++generation) + "-" + port));
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(BOUND)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("wal_level", "replica")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("hot_standby", "on")
                    .setServerConfig("hot_standby_feedback", "on")
                    // Reports a replica's replay position at least every 100 ms, so lag reads are fresh.
                    .setServerConfig("wal_receiver_status_interval", "1s")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("log_min_messages", "warning")
                    .start();
            Node node = new Node(port, dataDirectory, server);
            everyNode.add(node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + dataDirectory + " on port " + port, e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + BOUND);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed (" + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every server still running and deletes their data. */
    @Override
    public void close() {
        for (Node node : everyNode) {
            if (node.running()) {
                node.stop();
            }
        }
        try (Stream<Path> files = Files.exists(root) ? Files.walk(root) : Stream.empty()) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A left-over temporary directory harms nothing; the test's result stands.
        }
    }

    /** One PostgreSQL server of the pair. */
    public static final class Node {

        private final int port;
        private final Path dataDirectory;
        private final EmbeddedPostgres server;
        private volatile boolean running = true;

        Node(int port, Path dataDirectory, EmbeddedPostgres server) {
            this.port = port;
            this.dataDirectory = dataDirectory;
            this.server = server;
        }

        public int port() {
            return port;
        }

        public boolean running() {
            return running;
        }

        /** A connection as the superuser to a database of this server. */
        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
        }

        /** Whether the server is a standby replaying WAL ({@code pg_is_in_recovery()}). */
        public boolean inRecovery() throws SQLException {
            try (Connection c = connect("postgres"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }

        /** Holds back the replica: it keeps receiving WAL but applies none of it, so it lags more and more. */
        public void pauseReplay() throws SQLException {
            try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
                st.execute("SELECT pg_wal_replay_pause()");
            }
        }

        /** Lets the replica apply what it received; it catches up. */
        public void resumeReplay() throws SQLException {
            try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
                st.execute("SELECT pg_wal_replay_resume()");
            }
        }

        /** A fast, clean stop ({@code pg_ctl stop -m fast}). */
        public void stop() {
            if (!running) {
                return;
            }
            running = false;
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop " + this, e);
            }
        }

        /**
         * An immediate stop: SIGQUIT to the postmaster, which kills every backend and exits without a checkpoint;
         * the next start of this data directory would run crash recovery. Returns when the server is gone.
         */
        public void kill() {
            if (!running) {
                return;
            }
            long pid = postmasterPid();
            running = false;
            try {
                Process signal = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true)
                        .start();
                signal.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException("could not signal the postmaster " + pid, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Eventually.within(BOUND, "postmaster " + pid + " of " + this + " exited",
                    () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }

        private long postmasterPid() {
            try {
                return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("no postmaster.pid in " + dataDirectory, e);
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL on port " + port;
        }
    }
}
