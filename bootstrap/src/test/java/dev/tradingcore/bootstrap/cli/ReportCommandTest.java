package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-market report of a real session: the page a trader opens, rendered by a real browser (headless Chromium),
 * shows the figures the database holds.
 */
class ReportCommandTest {

    private static String database;
    private static LocalDate day;

    @TempDir
    static Path dir;

    @BeforeAll
    static void aSession() {
        database = TemplateDatabase.createFresh();
        day = LocalDate.now(ZoneOffset.UTC);
        // Three sessions of one day: each ends with a risk snapshot, so the day has an equity curve of three points.
        for (int session = 1; session <= 3; session++) {
            // One simulation (its seed is fixed by its state file), going on from where the last session left it.
            DatabaseCli.Run run = run("run", "--orders", "15", "--symbols", "AAPL,MSFT,NVDA", "--seed", "11",
                    "--simulation-state", dir.resolve("simulation.json").toString());
            assertThat(run.code()).as(run.toString()).isZero();
        }
    }

    @AfterAll
    static void dropIt() {
        TemplateDatabase.drop(database);
    }

    private static DatabaseCli.Run run(String... args) {
        return DatabaseCli.run(database, args);
    }

    private static BigDecimal sql(String query) throws SQLException {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection c = PostgresServer.get().connect(database);
                PreparedStatement st = c.prepareStatement(query)) {
            int parameters = st.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                st.setTimestamp(i, Timestamp.from(i % 2 == 1 ? start : start.plusSeconds(86_400)));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1) == null ? BigDecimal.ZERO : rs.getBigDecimal(1);
            }
        }
    }

    /** The value the page shows for {@code data-figure="name"}. */
    private static BigDecimal figure(String page, String name) {
        Matcher m = Pattern.compile("data-figure=\"" + name + "\">(-?[0-9.]+)").matcher(page);
        assertThat(m.find()).as("figure %s on the page", name).isTrue();
        return new BigDecimal(m.group(1));
    }

    /** The page as a browser built it: Chromium's DOM after loading the file. */
    private static String renderedDom(Path page) throws IOException, InterruptedException {
        return chromium(List.of("--dump-dom", page.toUri().toString()));
    }

    private static String chromium(List<String> arguments) throws IOException, InterruptedException {
        String binary = java.util.stream.Stream.of("chromium", "chromium-browser")
                .flatMap(name -> java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                        .map(folder -> Path.of(folder, name)))
                .filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError("no chromium on PATH: install Debian's chromium package"
                        + " (.ci/run does when it is missing)"));
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--window-size=1280,2400"));
        command.addAll(arguments);
        Process chromium = new ProcessBuilder(command).redirectError(dir.resolve("chromium.err").toFile()).start();
        String out = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium ended").isTrue();
        assertThat(chromium.exitValue()).as("chromium's exit; its errors: %s",
                Files.readString(dir.resolve("chromium.err"))).isZero();
        return out;
    }

    @Test
    void the_page_a_browser_renders_shows_the_figures_the_database_holds() throws Exception {
        Path out = dir.resolve("reports");
        DatabaseCli.Run report = run("report", "--date", day.toString(), "--zone", "UTC", "--out", out.toString());
        assertThat(report.code()).as(report.toString()).isZero();
        Path page = out.resolve("report-" + day + ".html");
        assertThat(report.out()).contains(page.toAbsolutePath().toString());

        String dom = renderedDom(page);

        String window = " WHERE timestamp >= ? AND timestamp < ?";
        assertThat(figure(dom, "fills")).as("fills").isEqualByComparingTo(sql("SELECT count(*) FROM trades" + window));
        assertThat(figure(dom, "fills")).isPositive();
        assertThat(figure(dom, "orders")).as("orders placed")
                .isEqualByComparingTo(sql("SELECT count(*) FROM orders WHERE submitted_at >= ? AND submitted_at < ?"));
        assertThat(figure(dom, "commissions")).isEqualByComparingTo(
                sql("SELECT COALESCE(sum(commission), 0) FROM trades" + window).setScale(2, RoundingMode.HALF_EVEN));
        // A new database traded only today: everything realized is today's.
        assertThat(figure(dom, "realized-today")).as("realized P&L today")
                .isEqualByComparingTo(sql("SELECT COALESCE(sum(realized_pnl), 0) FROM positions"));
        // Valued at the last price cached before the close, else at cost, as the positions table holds them now.
        String valued = "SELECT %s FROM positions p LEFT JOIN LATERAL (SELECT price FROM market_data_cache m"
                + " WHERE m.symbol = p.symbol ORDER BY m.timestamp DESC LIMIT 1) m ON true";
        String price = "COALESCE(m.price, p.average_price, 0)";
        assertThat(figure(dom, "gross-exposure")).as("gross exposure").isEqualByComparingTo(sql(valued.formatted(
                "COALESCE(sum(abs(round(p.quantity * " + price + ", 2))), 0)")));
        assertThat(figure(dom, "net-exposure")).as("net exposure").isEqualByComparingTo(sql(valued.formatted(
                "COALESCE(sum(round(p.quantity * " + price + ", 2)), 0)")));
        assertThat(figure(dom, "unrealized")).as("unrealized P&L").isEqualByComparingTo(sql(valued.formatted(
                "COALESCE(sum(round((" + price + " - COALESCE(p.average_price, 0)) * p.quantity, 2)), 0)")));
        assertThat(dom).as("the equity curve is drawn").containsPattern("<svg[^>]*data-chart=\"equity\"");
        assertThat(dom).contains("data-chart=\"equity\"", "data-chart=\"drawdown\"", "data-chart=\"exposure-symbol\"",
                "data-chart=\"exposure-sector\"", "data-table=\"positions\"", "data-table=\"fills\"");
        assertThat(dom).as("self-contained: nothing fetched").doesNotContain("<script", "src=\"http", "href=\"http");
        long positionRows = sql("SELECT count(*) FROM positions").longValue();
        assertThat(dom.split("<tr>").length - 1).as("a row per position, fill and status, and their headers")
                .isGreaterThan((int) positionRows);

        Path csv = out.resolve("report-" + day + "-fills.csv");
        assertThat(Files.readAllLines(csv)).as("the fills CSV: a header and a line per fill")
                .hasSize(figure(dom, "fills").intValue() + 1);
    }

    @Test
    void the_browser_draws_the_page_with_its_charts() throws Exception {
        Path out = dir.resolve("screenshot");
        DatabaseCli.Run report = run("report", "--date", day.toString(), "--zone", "UTC", "--out", out.toString());
        assertThat(report.code()).as(report.toString()).isZero();
        // Kept under target/ for a person to look at (CI keeps the build folder of a failed run).
        Path screenshot = Files.createDirectories(Path.of("target", "report")).resolve("report-screenshot.png")
                .toAbsolutePath();
        Files.copy(out.resolve("report-" + day + ".html"), screenshot.resolveSibling("report.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        chromium(List.of("--screenshot=" + screenshot, out.resolve("report-" + day + ".html").toUri().toString()));

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        Set<Integer> colours = new HashSet<>();
        int chartBlue = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb == 0x0969DA) {
                    chartBlue++;
                }
            }
        }
        assertThat(colours).as("a page with text and charts, not a blank one").hasSizeGreaterThan(20);
        assertThat(chartBlue).as("pixels of the charts' lines and bars (#0969da)").isGreaterThan(200);
    }

    @Test
    void a_date_that_is_not_one_or_a_folder_that_cannot_be_written_is_refused_and_nothing_is_written()
            throws IOException {
        DatabaseCli.Run badDate = run("report", "--date", "2026-13-01", "--out", dir.resolve("bad").toString());
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).contains("--date 2026-13-01 is not a date as YYYY-MM-DD");
        assertThat(dir.resolve("bad")).doesNotExist();

        DatabaseCli.Run badZone = run("report", "--zone", "Mars/Olympus", "--out", dir.resolve("bad").toString());
        assertThat(badZone.code()).isEqualTo(2);
        assertThat(badZone.err()).contains("--zone Mars/Olympus is not a time zone");

        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        DatabaseCli.Run badFolder = run("report", "--out", file.toString());
        assertThat(badFolder.code()).isEqualTo(2);
        assertThat(badFolder.err()).contains("--out " + file + " cannot be written");
    }
}
