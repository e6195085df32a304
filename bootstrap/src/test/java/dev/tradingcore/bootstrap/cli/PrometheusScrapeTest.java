package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The metrics against the real thing: a {@code run --metrics-port} session trading (in-process simulation), a real
 * Prometheus (Debian's {@code prometheus}; {@code PROMETHEUS} names another binary) scraping it every second with
 * the rules of {@code docs/prometheus} loaded; then every query of every panel of {@code docs/grafana/*.json} and the
 * measure of every alerting rule (its expression with the final comparison turned into {@code bool}, so that it
 * answers whether or not it fires) asked of Prometheus' HTTP API: each returns data. {@code promtool check rules}
 * passes. Also what an operator's {@code curl} sees: the series, with fill latency buckets at and below 100 µs, and
 * {@code /health/ready} 200 once the run recovered. Without a Prometheus binary the test fails, saying so.
 */
@Timeout(300)
class PrometheusScrapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    private String database;
    private Process prometheus;

    @BeforeEach
    void database() {
        database = TemplateDatabase.createFresh();
    }

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
        TemplateDatabase.drop(database);
    }

    private static Path binary(String name) {
        Path path = Path.of(System.getenv().getOrDefault(name.toUpperCase(java.util.Locale.ROOT), "/usr/bin/" + name));
        assertThat(Files.isExecutable(path)).as("%s is needed by this test (Debian: apt-get install prometheus;"
                + " .ci/run installs it) and is not at %s", name, path).isTrue();
        return path;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void every_panel_and_rule_returns_data_from_a_prometheus_scraping_a_running_core() throws Exception {
        Path prometheusBinary = binary("prometheus");
        List<Path> rules;
        try (var files = Files.list(DOCS.resolve("prometheus"))) {
            rules = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(rules).as("rule files in docs/prometheus").isNotEmpty();
        List<String> check = new ArrayList<>(List.of(binary("promtool").toString(), "check", "rules"));
        rules.forEach(r -> check.add(r.toString()));
        Process promtool = new ProcessBuilder(check).redirectErrorStream(true).start();
        String promtoolSaid = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as("promtool check rules: %s", promtoolSaid).isZero();

        int metricsPort = freePort();
        String url = PostgresServer.get().urlOf(database).jdbcUrl() + "?user="
                + PostgresServer.get().adminUrl().user().orElse("postgres");
        List<String> args = new ArrayList<>(List.of("run", "--duration", "45s", "--seed", "7", "--home",
                home.toString(), "--metrics-port", Integer.toString(metricsPort),
                "--simulation-state", home.resolve("simulation.json").toString(),
                "--set", "database.url=" + url,
                // A replica setting (the primary itself, nothing streams): the replication series are exposed.
                "--set", "database.replica-url=" + url,
                "--set", "trading.risk-snapshot-interval=1s"));
        PostgresServer.get().adminUrl().password().ifPresent(p -> args.addAll(List.of("--set",
                "database.password=" + p)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> session = CompletableFuture.supplyAsync(() -> {
            CommandLine cli = TradingCoreCommand.newCommandLine(Map.of());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args.toArray(String[]::new));
        });
        String core = "http://127.0.0.1:" + metricsPort;
        until("the run serves /metrics and has booked fills", Duration.ofSeconds(120), () -> {
            if (session.isDone()) {
                throw new AssertionError("the run ended early: " + out + err);
            }
            String metrics = get(core + "/metrics").orElse("");
            return value(metrics, "tradingcore_fills_total{outcome=\"booked\"}") > 0;
        });
        assertThat(status(core + "/health/ready")).as("ready once recovered").isEqualTo(200);
        assertThat(status(core + "/health/live")).isEqualTo(200);

        // What `curl /metrics` shows an operator during the run.
        String metrics = get(core + "/metrics").orElseThrow();
        for (String series : List.of("tradingcore_fill_transaction_seconds_bucket",
                "tradingcore_order_submission_seconds_bucket", "tradingcore_fills_total{outcome=\"duplicate\"}",
                "tradingcore_fills_total{outcome=\"refused\"}", "tradingcore_fills_total{outcome=\"conflicting\"}",
                "tradingcore_orders_total{outcome=\"accepted\"}", "tradingcore_broker_call_seconds_count",
                "tradingcore_broker_sync_lag_seconds", "tradingcore_broker_sync_watermark_age_seconds",
                "tradingcore_database_breaker_state", "tradingcore_database_breaker_transitions_total",
                "tradingcore_audit_queue_depth", "tradingcore_audit_batches_total", "tradingcore_audit_refusals_total",
                "tradingcore_risk_portfolio_value_dollars", "tradingcore_risk_exposure_dollars",
                "tradingcore_risk_daily_pnl_dollars", "tradingcore_risk_value_at_risk_dollars",
                "tradingcore_trading_enabled", "tradingcore_replication_lag_seconds",
                "tradingcore_database_partitions_ahead{table=\"trades\"}",
                "tradingcore_backup_last_success_timestamp_seconds", "hikaricp_connections_active{pool=\"execution\"}",
                "hikaricp_connections_max{pool=\"risk\"}", "hikaricp_connections_max{pool=\"market-data\"}",
                "hikaricp_connections_max{pool=\"audit\"}", "hikaricp_connections_max{pool=\"analytics\"}",
                "hikaricp_connections_max{pool=\"monitoring\"}", "tradingcore_reconciliation_discrepancies",
                "jvm_memory_used_bytes")) {
            assertThat(metrics).as("/metrics shows %s", series).contains(series);
        }
        Matcher bucket = Pattern.compile("tradingcore_fill_transaction_seconds_bucket\\{le=\"([^\"]+)\"}")
                .matcher(metrics);
        List<Double> bounds = new ArrayList<>();
        while (bucket.find()) {
            bounds.add(bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1)));
        }
        assertThat(bounds).as("fill latency buckets").contains(5.0e-5, 1.0e-4);
        assertThat(metrics).as("no order or trade ids in labels").doesNotContainPattern("order_id=|trade_id=");

        // A real Prometheus scraping it every second, the rules loaded.
        int prometheusPort = freePort();
        Path config = home.resolve("prometheus.yml");
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n");
        rules.forEach(r -> yaml.append("  - ").append(r).append('\n'));
        yaml.append("scrape_configs:\n  - job_name: trading-core\n    static_configs:\n      - targets: ['127.0.0.1:")
                .append(metricsPort).append("']\n");
        Files.writeString(config, yaml);
        prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(home.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
        until("Prometheus has scraped the core for 15 s", Duration.ofSeconds(90), () -> {
            JsonNode samples = query(api, "count_over_time(up{job=\"trading-core\"}[1m])");
            return samples != null && samples.path("data").path("result").size() == 1
                    && samples.path("data").path("result").get(0).path("value").get(1).asDouble() >= 15;
        });

        Map<String, String> queries = new LinkedHashMap<>();
        try (var files = Files.list(DOCS.resolve("grafana"))) {
            for (Path dashboard : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode panel : JSON.readTree(dashboard.toFile()).path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        queries.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                                target.path("expr").asText().replace("$instance", ".*"));
                    }
                }
            }
        }
        ObjectMapper yamlReader = new ObjectMapper(new YAMLFactory());
        for (Path file : rules) {
            for (JsonNode group : yamlReader.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    queries.put("rule " + rule.path("alert").asText(), measureOf(rule.path("expr").asText()));
                }
            }
        }
        assertThat(queries).as("queries read from the dashboard and the rules").hasSizeGreaterThan(30);
        Map<String, String> empty = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            JsonNode answer = query(api, q.getValue());
            if (answer == null || !"success".equals(answer.path("status").asText())
                    || answer.path("data").path("result").isEmpty()) {
                empty.put(q.getKey(), q.getValue() + " -> " + answer);
            }
        }
        assertThat(empty).as("queries that returned no data").isEmpty();
        session.cancel(true);
    }

    /** A rule's expression with its last top-level comparison made {@code bool}: data whether it fires or not. */
    static String measureOf(String expr) {
        Matcher m = Pattern.compile("^(.*\\S)\\s*(==|!=|>=|<=|>|<)\\s*([^=<>!]+)$").matcher(expr.strip());
        assertThat(m.matches()).as("rule expression '<measure> <comparison> <threshold>': %s", expr).isTrue();
        return "(" + m.group(1) + ") " + m.group(2) + " bool (" + m.group(3) + ")";
    }

    private static JsonNode query(String api, String promql) {
        try {
            return get(api + URLEncoder.encode(promql, StandardCharsets.UTF_8)).map(body -> {
                try {
                    return JSON.readTree(body);
                } catch (Exception e) {
                    return null;
                }
            }).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static java.util.Optional<String> get(String uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return java.util.Optional.of(response.body());
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private static int status(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return 0;
    }

    private static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(250);
        }
    }
}
