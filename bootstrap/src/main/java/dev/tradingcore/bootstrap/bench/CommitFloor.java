package dev.tradingcore.bootstrap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's floor for a single writer: how many durable commits per second the server manages (autocommitted
 * single-row INSERTs into a logged table with {@code synchronous_commit = on}: each waits for its WAL flush), and,
 * where PostgreSQL's {@code pg_test_fsync} is installed, the best {@code fdatasync} rate of the disk it reports.
 */
final class CommitFloor {

    private static final Pattern FDATASYNC = Pattern.compile("^\\s*fdatasync\\s+([0-9.]+) ops/sec");

    private CommitFloor() {}

    static BenchRow measure(BenchContext context, Duration length) throws Exception {
        Latencies latencies = new Latencies();
        long commits = 0;
        long nanos;
        try (Connection c = context.database().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS bench_commit_floor (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ "
                    + "NOT NULL DEFAULT now(), payload TEXT)");
            st.execute("SET synchronous_commit = on");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_commit_floor (payload) VALUES (?)")) {
                long start = System.nanoTime();
                long deadline = start + length.toNanos();
                long now = start;
                while (now < deadline) {
                    insert.setString(1, "commit");
                    insert.executeUpdate();
                    long after = System.nanoTime();
                    latencies.record(after - now);
                    commits++;
                    now = after;
                }
                nanos = now - start;
            }
            st.execute("DROP TABLE bench_commit_floor");
        }
        BenchRow row = BenchRow.of("1 fill", "floor: durable commits, 1 connection", "commits/s",
                Measurement.of(commits * 1e9 / nanos, latencies), null);
        if (!context.options().quick()) {
            pgTestFsync().ifPresentOrElse(
                    best -> row.note("pg_test_fsync best fdatasync", String.format("%.0f ops/s", best)),
                    () -> row.note("pg_test_fsync", "not found or failed"));
        }
        return row;
    }

    /** Runs pg_test_fsync (1 s per test) and returns its best fdatasync rate, if it is installed and ran. */
    static Optional<Double> pgTestFsync() throws IOException, InterruptedException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Optional<Path> tool;
        try (Stream<Path> versions = Files.list(root)) {
            tool = versions.map(v -> v.resolve("bin/pg_test_fsync")).filter(Files::isExecutable).findFirst();
        }
        if (tool.isEmpty()) {
            return Optional.empty();
        }
        Path file = Files.createTempFile("pg_test_fsync", ".out");
        try {
            Process process = new ProcessBuilder(tool.get().toString(), "-s", "1", "-f", file.toString())
                    .redirectErrorStream(true).start();
            List<Double> rates = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = FDATASYNC.matcher(line);
                    if (m.find()) {
                        rates.add(Double.parseDouble(m.group(1)));
                    }
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroy();
                return Optional.empty();
            }
            return rates.stream().max(Double::compare);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
