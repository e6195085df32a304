package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * After {@code run} on a new database, the book is known at market and the summary says what the database holds:
 * every open position stored at quantity x the last cached price, unrealized P&amp;L where the price moved, the last
 * risk snapshot with VaR 95 and 99 from the prices the run gathered, and the market data cache holding those prices.
 */
class RunAtMarketTest {

    private static String database;
    private static String summary;

    @TempDir
    static Path dir;

    @BeforeAll
    static void runOnANewDatabase() {
        database = TemplateDatabase.createFresh();
        List<String> args = new ArrayList<>(List.of("run", "--orders", "200", "--seed", "21", "--simulation-state",
                dir.resolve("simulation.json").toString(), "--set", "database.url="
                        + PostgresServer.get().urlOf(database).jdbcUrl() + "?user="
                        + PostgresServer.get().adminUrl().user().orElse("postgres")));
        PostgresServer.get().adminUrl().password().ifPresent(p -> args.addAll(List.of("--set",
                "database.password=" + p)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args.toArray(String[]::new));
        summary = out.toString();
        assertThat(code).as("%s%n%s", out, err).isZero();
    }

    @AfterAll
    static void dropIt() {
        TemplateDatabase.drop(database);
    }

    @Test
    void every_open_position_is_stored_at_quantity_times_the_last_cached_price() throws SQLException {
        List<Map<String, Object>> rows = rows("SELECT p.symbol, p.quantity, p.average_price, p.mark_price,"
                + " p.market_value, p.unrealized_pnl, p.cost_basis_exact,"
                + " (SELECT m.price FROM market_data_cache m WHERE m.symbol = p.symbol ORDER BY m.timestamp DESC"
                + " LIMIT 1) AS last_price FROM positions p WHERE p.quantity <> 0 ORDER BY p.symbol");
        assertThat(rows).as("the run leaves positions open\n%s", summary).isNotEmpty();
        int moved = 0;
        for (Map<String, Object> row : rows) {
            BigDecimal quantity = (BigDecimal) row.get("quantity");
            BigDecimal last = (BigDecimal) row.get("last_price");
            assertThat(last).as("a cached price of %s", row.get("symbol")).isNotNull();
            assertThat((BigDecimal) row.get("mark_price")).as("mark of %s", row.get("symbol"))
                    .isEqualByComparingTo(last);
            assertThat((BigDecimal) row.get("market_value")).as("market value of %s", row.get("symbol"))
                    .isEqualByComparingTo(quantity.multiply(last).setScale(2, RoundingMode.HALF_EVEN));
            BigDecimal priceMove = quantity.multiply(last.subtract((BigDecimal) row.get("average_price")));
            if (priceMove.abs().compareTo(new BigDecimal("0.01")) >= 0) {
                moved++;
                assertThat(((BigDecimal) row.get("unrealized_pnl")).signum()).as("unrealized P&L of %s, whose price"
                        + " moved from its average", row.get("symbol")).isNotZero();
                assertThat((BigDecimal) row.get("unrealized_pnl")).isEqualByComparingTo(quantity.multiply(last)
                        .subtract((BigDecimal) row.get("cost_basis_exact")).setScale(2, RoundingMode.HALF_EVEN));
            }
        }
        assertThat(moved).as("positions whose price moved").isPositive();
    }

    @Test
    void the_summary_shows_what_the_database_holds() throws SQLException {
        Pattern line = Pattern.compile("^\\s{4}(\\S+)\\s+(-?[\\d.]+) @ \\S+\\s+last \\S+\\s+value\\s+(-?[\\d.]+)"
                + "\\s+realized\\s+(-?[\\d.]+)\\s+unrealized\\s+(-?[\\d.]+)", Pattern.MULTILINE);
        Matcher m = line.matcher(summary);
        int shown = 0;
        while (m.find()) {
            shown++;
            Map<String, Object> row = rows("SELECT quantity, market_value, realized_pnl, unrealized_pnl FROM positions"
                    + " WHERE symbol = '" + m.group(1) + "'").get(0);
            assertThat(new BigDecimal(m.group(2))).as("quantity of %s", m.group(1))
                    .isEqualByComparingTo((BigDecimal) row.get("quantity"));
            assertThat(new BigDecimal(m.group(3))).as("value of %s", m.group(1))
                    .isEqualByComparingTo((BigDecimal) row.get("market_value"));
            assertThat(new BigDecimal(m.group(4))).as("realized of %s", m.group(1))
                    .isEqualByComparingTo((BigDecimal) row.get("realized_pnl"));
            assertThat(new BigDecimal(m.group(5))).as("unrealized of %s", m.group(1))
                    .isEqualByComparingTo((BigDecimal) row.get("unrealized_pnl"));
        }
        assertThat(shown).as("position lines in\n%s", summary).isEqualTo(count("SELECT count(*) FROM positions"));
        Matcher totals = Pattern.compile("P&L\\s+realized (-?[\\d.]+), unrealized (-?[\\d.]+)").matcher(summary);
        assertThat(totals.find()).as(summary).isTrue();
        assertThat(new BigDecimal(totals.group(2))).as("unrealized in total")
                .isEqualByComparingTo(decimal("SELECT sum(unrealized_pnl) FROM positions"));
        Matcher risk = Pattern.compile("risk snapshot\\s+value (-?[\\d.]+), cash (-?[\\d.]+), gross (-?[\\d.]+)")
                .matcher(summary);
        assertThat(risk.find()).as(summary).isTrue();
        Map<String, Object> last = rows("SELECT portfolio_value, cash_balance, total_exposure FROM risk_snapshots"
                + " ORDER BY timestamp DESC LIMIT 1").get(0);
        assertThat(new BigDecimal(risk.group(1))).isEqualByComparingTo((BigDecimal) last.get("portfolio_value"));
        assertThat(new BigDecimal(risk.group(2))).isEqualByComparingTo((BigDecimal) last.get("cash_balance"));
        assertThat(new BigDecimal(risk.group(3))).as("gross exposure = the stored market values")
                .isEqualByComparingTo((BigDecimal) last.get("total_exposure"))
                .isEqualByComparingTo(decimal("SELECT sum(abs(market_value)) FROM positions"));
        assertThat(new BigDecimal(risk.group(1))).as("portfolio value = cash + stored market values")
                .isEqualByComparingTo(((BigDecimal) last.get("cash_balance"))
                        .add(decimal("SELECT sum(market_value) FROM positions")));
    }

    @Test
    void the_last_risk_snapshot_has_var_95_and_99_from_the_prices_of_the_run() throws SQLException {
        Map<String, Object> last = rows("SELECT var_95, var_99, max_drawdown, metrics->>'var_method' AS method"
                + " FROM risk_snapshots ORDER BY timestamp DESC LIMIT 1").get(0);
        assertThat((BigDecimal) last.get("var_95")).as("VaR 95").isNotNull().isPositive();
        assertThat((BigDecimal) last.get("var_99")).as("VaR 99").isNotNull()
                .isGreaterThanOrEqualTo((BigDecimal) last.get("var_95"));
        assertThat(last.get("method")).as("200 orders make more than 100 price steps").isEqualTo("historical");
        assertThat((BigDecimal) last.get("max_drawdown")).as("drawdown of the day's equity curve").isNotNull();
        Matcher var = Pattern.compile("VaR 95 ([\\d.]+), VaR 99 ([\\d.]+) \\(historical\\)").matcher(summary);
        assertThat(var.find()).as(summary).isTrue();
        assertThat(new BigDecimal(var.group(1))).isEqualByComparingTo((BigDecimal) last.get("var_95"));
        assertThat(new BigDecimal(var.group(2))).isEqualByComparingTo((BigDecimal) last.get("var_99"));
    }

    @Test
    void the_market_data_cache_holds_the_prices_of_the_run() throws SQLException {
        for (String symbol : List.of("AAPL", "MSFT", "GOOG", "AMZN", "NVDA")) {
            assertThat(count("SELECT count(*) FROM market_data_cache WHERE symbol = '" + symbol + "'"))
                    .as("prices of %s, one a step of the simulated market (200 orders, 220 steps at least)", symbol)
                    .isGreaterThanOrEqualTo(220);
        }
        assertThat(count("SELECT count(DISTINCT price) FROM market_data_cache WHERE symbol = 'AAPL'"))
                .as("the price moved").isGreaterThan(1);
    }

    private static List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long count(String sql) throws SQLException {
        return ((Number) rows(sql).get(0).values().iterator().next()).longValue();
    }

    private static BigDecimal decimal(String sql) throws SQLException {
        return (BigDecimal) rows(sql).get(0).values().iterator().next();
    }
}
