package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures a reader can trust at a glance, checked against the rows themselves: {@code status} counts rows (the
 * planner's estimate said 0 for tables holding 58 orders); {@code run}'s summary says why orders were refused, keeps
 * this session apart from what earlier sessions left in the database, shows prices as the instrument is quoted, and
 * says "available" of a database that is.
 */
class FiguresTest {

    private static String database;

    @TempDir
    static Path dir;

    @BeforeAll
    static void freshDatabase() {
        database = TemplateDatabase.createFresh();
    }

    @AfterAll
    static void dropIt() {
        TemplateDatabase.drop(database);
    }

    private static String run(String... args) {
        DatabaseCli.Run run = DatabaseCli.run(database, args);
        assertThat(run.code()).as("%s%n%s", run.out(), run.err()).isZero();
        return run.out();
    }

    /** A session trading MSFT alone: at about 420 a share, the position limit of 10,000 refuses orders soon. */
    private static String session(int orders) {
        return run("run", "--orders", Integer.toString(orders), "--symbols", "MSFT", "--seed", "7",
                "--simulation-state", dir.resolve("simulation.json").toString());
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The part of a summary from the heading {@code from} to the heading {@code to}. */
    private static String part(String summary, String from, String to) {
        int start = summary.indexOf("\n" + from);
        int end = summary.indexOf("\n" + to);
        assertThat(start).as("a part '%s' in%n%s", from, summary).isNotNegative();
        assertThat(end).as("a part '%s' in%n%s", to, summary).isGreaterThan(start);
        return summary.substring(start, end);
    }

    private static String line(String text, String label) {
        return text.lines().filter(l -> l.startsWith("  " + label)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "' in\n" + text));
    }

    private static BigDecimal amount(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return new BigDecimal(m.group(1));
    }

    private static final Pattern ALL_REALIZED = Pattern.compile("P&L +realized (-?[0-9.]+),");

    @Test
    void a_second_session_counts_its_own_orders_apart_from_what_the_database_holds() throws SQLException {
        String first = session(25);
        long tradesBefore = count("SELECT count(*) FROM trades");

        String second = session(25);

        String thisSession = part(second, "this session", "all sessions");
        String placed = line(thisSession, "orders placed");
        assertThat(placed).startsWith("  orders placed    25: ");
        int accounted = 0;
        Matcher counts = Pattern.compile("(\\d+) (accepted|refused|rejected by the broker|unconfirmed|cancelled)")
                .matcher(placed.substring(placed.indexOf(':')));
        while (counts.find()) {
            accounted += Integer.parseInt(counts.group(1));
        }
        assertThat(accounted).as("every order of the session accounted for: %s", placed).isEqualTo(25);
        assertThat(placed).as("refusals come with their reason").containsPattern("\\d+ refused \\(position limit \\d+\\)");
        assertThat(line(thisSession, "fills recorded")).isEqualTo("  fills recorded   "
                + (count("SELECT count(*) FROM trades") - tradesBefore));
        BigDecimal sessionRealized = amount(line(thisSession, "realized P&L"), Pattern.compile("(-?[0-9.]+)$"));
        assertThat(sessionRealized).as("this session's realized P&L is the change over it")
                .isCloseTo(amount(second, ALL_REALIZED).subtract(amount(first, ALL_REALIZED)),
                        org.assertj.core.data.Offset.offset(new BigDecimal("0.01")));

        String allSessions = part(second, "all sessions", "this process");
        assertThat(line(allSessions, "orders")).startsWith("  orders           " + count("SELECT count(*) FROM orders")
                + ": ");
        assertThat(line(allSessions, "fills stored")).isEqualTo("  fills stored     "
                + count("SELECT count(*) FROM trades"));
        assertThat(line(allSessions, "audit events")).isEqualTo("  audit events     "
                + count("SELECT count(*) FROM audit_log"));
        List<String> positions = allSessions.lines().filter(l -> l.startsWith("    MSFT")).toList();
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0)).as("MSFT is quoted in cents").containsPattern("@ [0-9]+\\.[0-9]{2} ");

        assertThat(line(second.substring(second.indexOf("\nthis process")), "database health"))
                .startsWith("  database health  available (no connection failure since");
    }

    @Test
    void status_counts_the_rows_of_every_table() throws SQLException {
        session(5);

        String status = run("status");

        for (String table : List.of("orders", "trades", "audit_log", "positions", "trade_ids")) {
            assertThat(line(status, table + " ").replaceAll(" +", " "))
                    .as("%s in%n%s", table, status)
                    .endsWith(" " + count("SELECT count(*) FROM " + table) + " rows");
        }
        assertThat(status).contains("rows: counted exactly").doesNotContain("closed")
                .contains("database health available (no connection failure since");
    }
}
