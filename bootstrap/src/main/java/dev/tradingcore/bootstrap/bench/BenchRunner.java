package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.bootstrap.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the chosen scenarios on a fresh bench database, prints the table, writes
 * {@code <out>/<date>-<mode>.json} and {@code .md}, and drops the database (unless kept).
 */
public final class BenchRunner {

    private final Settings settings;
    private final BenchOptions options;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter progress;

    public BenchRunner(Settings settings, BenchOptions options, Clock clock, PrintWriter out, PrintWriter progress) {
        this.settings = settings;
        this.options = options;
        this.clock = clock;
        this.out = out;
        this.progress = progress;
    }

    /**
     * The scenarios in the order they run: the hot reads before the bulk ingest, so that they read the design's
     * data set (1M trades loaded by plain COPY) and not the ingest's 2M; start-up recovery last, on emptied tables.
     */
    static List<Scenario> scenarios() {
        return List.of(new FillScenario(), new OrderSubmissionScenario(), new HotReadScenario(),
                new BulkIngestScenario(), new AuditLoggerScenario(), new RecoveryScenario(), new MetricsScrapeScenario());
    }

    /** Runs, prints and writes; returns the paths written. */
    public List<Path> run(String command) throws Exception {
        long started = System.nanoTime();
        BenchContext.CountingAlerts alerts = new BenchContext.CountingAlerts();
        List<BenchRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> machine;
        try (BenchDatabase database = BenchDatabase.create(settings, alerts, clock, options.keep())) {
            progress.printf("bench: %s run on database %s (%s)%n", options.mode(), database.name(),
                    database.describeServer());
            progress.flush();
            BenchContext context = new BenchContext(options, database, clock, progress, alerts);
            machine = machine(database);
            String server = machine.getOrDefault("postgresql settings", "");
            if (server.contains("fsync=off") || server.contains("synchronous_commit=off")) {
                notes.add("WARNING: this server runs with " + (server.contains("fsync=off") ? "fsync=off " : "")
                        + (server.contains("synchronous_commit=off") ? "synchronous_commit=off" : "")
                        + ": its commits are not durable, so the commit floor and every write figure are those of "
                        + "a database that may lose acknowledged transactions");
            }
            for (Scenario scenario : scenarios()) {
                if (!options.scenarios().contains(scenario.number())) {
                    continue;
                }
                long t0 = System.nanoTime();
                rows.addAll(scenario.run(context));
                notes.add(String.format(Locale.ROOT, "scenario %s took %.0f s", scenario.title(),
                        (System.nanoTime() - t0) / 1e9));
            }
            if (options.keep()) {
                notes.add("database kept: " + database.name());
            }
        }
        notes.add(String.format(Locale.ROOT, "whole run: %.0f s", (System.nanoTime() - started) / 1e9));
        BenchReport report = new BenchReport(machine, command, rows, notes);
        out.print(report.table());
        out.flush();
        Files.createDirectories(options.out());
        String stem = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + "-" + options.mode();
        Path json = options.out().resolve(stem + ".json");
        Path md = options.out().resolve(stem + ".md");
        Files.writeString(json, report.json());
        Files.writeString(md, report.markdown());
        out.printf("written: %s, %s%n", json, md);
        out.flush();
        return List.of(json, md);
    }

    private Map<String, String> machine(BenchDatabase database) throws Exception {
        Map<String, String> machine = new LinkedHashMap<>();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        machine.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            machine.put("memory", String.format(Locale.ROOT, "%.1f GiB", sun.getTotalMemorySize() / 1073741824.0));
        }
        machine.put("load average (1 min) at start", String.format(Locale.ROOT, "%.2f", os.getSystemLoadAverage()));
        machine.put("os", os.getName() + " " + os.getVersion() + " " + os.getArch());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("max heap", HeapPeak.maxHeap());
        machine.put("disk", disk(Path.of(System.getProperty("java.io.tmpdir"))));
        machine.put("server", database.describeServer());
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version()")) {
                rs.next();
                machine.put("postgresql", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name "
                    + "IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'full_page_writes', "
                    + "'max_wal_size', 'checkpoint_timeout', 'work_mem', 'jit', 'max_connections') ORDER BY name")) {
                StringBuilder text = new StringBuilder();
                while (rs.next()) {
                    text.append(text.isEmpty() ? "" : ", ").append(rs.getString(1)).append('=').append(rs.getString(2))
                            .append(rs.getString(3).isEmpty() ? "" : " x " + rs.getString(3));
                }
                machine.put("postgresql settings", text.toString());
            }
        }
        machine.put("sizes", options.trades() + " trades per ingest path, " + options.orders() + " orders, "
                + options.auditRows() + " audit rows, " + options.symbols() + " symbols; "
                + options.stepDuration().toMillis() + " ms per path per step in " + options.rounds()
                + " alternating rounds; " + options.readIterations() + " calls per read path");
        return machine;
    }

    private static String disk(Path where) {
        try {
            FileStore store = Files.getFileStore(where);
            return store.name() + " (" + store.type() + "), " + store.getTotalSpace() / 1073741824L + " GiB";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
