package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LOG_FORMAT=json}: a real {@code run} in its own JVM with the shipped logback.xml, against a test database.
 * Every line it logs, on standard error and in the debug log, is one JSON object with the time, level, logger and
 * message; the line of each fill booked carries its order, trade and symbol as fields, and they are the stored ones.
 */
@Timeout(180)
class JsonLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private String database;

    @BeforeEach
    void emptyDatabase() {
        database = TemplateDatabase.createEmpty();
    }

    @AfterEach
    void dropDatabase() {
        TemplateDatabase.drop(database);
    }

    private record Child(int exit, String out, String err, Path home) {
        String text() {
            return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    @Test
    void with_log_format_json_every_log_line_is_a_json_object_and_a_fill_line_names_its_order() throws Exception {
        Child run = run(Map.of("LOG_FORMAT", "json"), "run", "--orders", "30", "--seed", "7");
        assertThat(run.exit()).as(run.text()).isZero();
        assertThat(run.out()).as("standard out is the summary, not logback's own status").doesNotContain("|-")
                .contains("fills");

        List<JsonNode> console = parseEveryLine(run.err(), "standard error");
        List<JsonNode> debugLog = parseEveryLine(Files.readString(run.home().resolve("logs/trading-core.log")),
                "the debug log");
        assertThat(console).as("standard error has lines (the embedded-free start, the resting orders)").isNotEmpty();
        for (JsonNode line : concat(console, debugLog)) {
            assertThat(line.hasNonNull("@timestamp") && line.hasNonNull("level") && line.hasNonNull("logger_name")
                    && line.hasNonNull("message")).as("time, level, logger, message: %s", line).isTrue();
        }

        List<JsonNode> fills = debugLog.stream().filter(l -> l.get("logger_name").asText().equals("trading-core.fills"))
                .toList();
        assertThat(fills).as("one line per fill booked").isNotEmpty();
        Set<String> storedOrders = stored("SELECT DISTINCT order_id FROM trades");
        Set<String> storedTrades = stored("SELECT trade_id FROM trades");
        for (JsonNode fill : fills) {
            String order = fill.path("order_id").asText(null);
            assertThat(order).as("order_id field: %s", fill).isNotNull().isIn(storedOrders);
            assertThat(fill.path("trade_id").asText(null)).as("trade_id field: %s", fill).isIn(storedTrades);
            assertThat(fill.path("symbol").asText("")).as("symbol field: %s", fill).matches("[A-Z]+");
            assertThat(fill.get("message").asText()).contains("of order " + order);
        }
        assertThat(fills.stream().map(f -> f.get("trade_id").asText()).distinct().count())
                .as("every stored fill has its line").isEqualTo(storedTrades.size());
    }

    @Test
    void log_format_set_on_the_command_line_switches_the_log_once_the_settings_are_read() throws Exception {
        Child run = run(Map.of(), "run", "--orders", "5", "--seed", "7", "--set", "log.format=json");
        assertThat(run.exit()).as(run.text()).isZero();
        List<JsonNode> debugLog = parseEveryLine(Files.readString(run.home().resolve("logs/trading-core.log")),
                "the debug log");
        assertThat(debugLog).anySatisfy(line -> assertThat(line.path("order_id").asText("")).isNotEmpty());
        parseEveryLine(run.err(), "standard error");
    }

    @Test
    void the_default_text_log_is_not_json() throws Exception {
        Child run = run(Map.of(), "run", "--orders", "5", "--seed", "7");
        assertThat(run.exit()).as(run.text()).isZero();
        String debugLog = Files.readString(run.home().resolve("logs/trading-core.log"));
        assertThat(debugLog.lines().filter(l -> l.startsWith("{"))).as(debugLog).isEmpty();
        assertThat(debugLog).contains("DEBUG [main] trading-core.fills - fill ");
    }

    @Test
    void a_log_format_that_is_neither_is_a_configuration_error() throws Exception {
        Child run = run(Map.of("LOG_FORMAT", "xml"), "status");
        assertThat(run.exit()).as(run.text()).isEqualTo(TradingCoreCommand.BAD_CONFIGURATION);
        assertThat(run.err()).contains("LOG_FORMAT (log.format) is 'xml'; it must be text or json");
        assertThat(run.out()).as("no logback status dump").doesNotContain("|-");
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<JsonNode> parseEveryLine(String text, String where) {
        List<JsonNode> lines = new ArrayList<>();
        text.lines().forEach(line -> {
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as("%s: %s", where, line).isTrue();
                lines.add(node);
            } catch (IOException e) {
                throw new AssertionError(where + " has a line that is not JSON: " + line, e);
            }
        });
        return lines;
    }

    private Set<String> stored(String query) throws Exception {
        Set<String> values = new TreeSet<>();
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** {@code java ... Main args} with the shipped logback.xml, a home of its own and our variables replaced. */
    private Child run(Map<String, String> environment, String... args)
            throws IOException, InterruptedException, URISyntaxException {
        Path home = Files.createTempDirectory(dir, "home");
        Path logback = Path.of(JsonLogTest.class.getResource("/logback.xml").toURI());
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + home, "-Dlogback.configurationFile=" + logback, "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--set", "database.url=" + PostgresServer.get().urlOf(database).jdbcUrl() + "?user="
                + PostgresServer.get().adminUrl().user().orElse("postgres")));
        PostgresServer.get().adminUrl().password().ifPresent(p -> command.addAll(List.of("--set",
                "database.password=" + p)));
        Path out = dir.resolve(home.getFileName() + ".out");
        Path err = dir.resolve(home.getFileName() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.matches("(DATABASE|EMBEDDED|TRADING|BROKER|ALERTS|MONITORING"
                + "|BACKUP|LOG)_.*"));
        builder.environment().put("TRADING_CORE_HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(150, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", args) + " did not end within 150 s");
            }
        } finally {
            process.destroyForcibly();
        }
        return new Child(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), home);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
