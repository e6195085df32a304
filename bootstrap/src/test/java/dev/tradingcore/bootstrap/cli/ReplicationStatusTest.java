package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.StreamingPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;

/**
 * {@code status} against a primary with a real streaming replica: the primary, each replica with its state, sync
 * state and lag in bytes and seconds, what a commit waits for, and where analytics read.
 */
class ReplicationStatusTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern REPLICA_LINE = Pattern.compile(
            "replica +walreceiver at 127\\.0\\.0\\.1: streaming, sync state (\\w+), lag (\\d+) B, ([0-9.]+) s");

    @TempDir
    Path tmp;

    @Test
    void status_shows_the_primary_each_replica_its_sync_state_and_lag_and_where_analytics_read() throws Exception {
        try (StreamingPair pair = StreamingPair.start(tmp.resolve("pair"))) {
            PGSimpleDataSource primary = new PGSimpleDataSource();
            primary.setURL("jdbc:postgresql://localhost:" + pair.primary().port() + "/" + StreamingPair.DATABASE);
            primary.setUser("postgres");
            new SchemaMigrator(primary).migrate();

            String async = status(pair);
            assertThat(async).contains("primary         127.0.0.1:" + pair.primary().port()
                    + " (read-write); synchronous_standby_names '', synchronous_commit on");
            assertThat(replicaLine(async).group(1)).as(async).isEqualTo("async");
            assertThat(async).containsPattern("analytics       on the replica \\(lag \\d+ B, [0-9.]+ s\\)"
                    + " \\(bound 1000 ms\\)");

            pair.requireSynchronousStandby(true);
            Eventually.within(BOUND, "the replica is the synchronous standby",
                    () -> replicaLine(status(pair)).group(1).equals("sync"));
            String sync = status(pair, "--set", "database.synchronous-commit=remote_apply");
            assertThat(sync).contains("synchronous_standby_names '*', synchronous_commit remote_apply");
            assertThat(replicaLine(sync).group(1)).isEqualTo("sync");

            pair.requireSynchronousStandby(false);
            pair.runningReplica().pauseReplay();
            try (Connection c = primary.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE lag_probe AS SELECT g FROM generate_series(1, 10000) g");
            }
            Eventually.within(BOUND, "status shows the held-back replica's lag in bytes",
                    () -> Long.parseLong(replicaLine(status(pair)).group(2)) > 0);
            String lagging = status(pair);
            System.out.println("status with the replica's replay paused:\n" + lagging);
            assertThat(Long.parseLong(replicaLine(lagging).group(2))).isGreaterThan(100_000);
            pair.runningReplica().resumeReplay();
        }
    }

    private static Matcher replicaLine(String status) {
        Matcher m = REPLICA_LINE.matcher(status);
        assertThat(m.find()).as("a replica line in:\n" + status).isTrue();
        return m;
    }

    private String status(StreamingPair pair, String... extra) {
        String url = "jdbc:postgresql://localhost:%d/" + StreamingPair.DATABASE + "?user=postgres";
        List<String> args = new ArrayList<>(List.of("status", "--home", tmp.resolve("home").toString(),
                "--set", "database.url=" + url.formatted(pair.primary().port()),
                "--set", "database.replica-url=" + url.formatted(pair.runningReplica().port()),
                "--set", "database.replica-max-lag=1s"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args.toArray(String[]::new));
        assertThat(code).as(out + "\n" + err).isZero();
        return out.toString();
    }
}
