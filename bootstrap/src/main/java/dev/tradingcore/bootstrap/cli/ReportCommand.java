package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.application.report.DailyReport;
import dev.tradingcore.application.report.ReportingDay;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.report.TradingDayReads;
import dev.tradingcore.domain.common.TradingDayWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Writes the post-market report of one trading day, changing nothing in the database. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the post-market report of a trading day: a self-contained HTML page with charts, and"
                + " CSV tables beside it. Changes nothing in the database.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "The trading day (default: today in the day's zone).")
    String date;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "The zone whose midnight starts a trading day (default: TRADING_DAY_ZONE, the daily loss"
                    + " limit's, America/New_York unless configured).")
    String zone;

    @Option(names = "--out", paramLabel = "DIR", description = "The folder to write into (default: <home>/reports).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Settings settings = parent.config.load();
        TradingDayWindow day = day(settings.risk().dayZone());
        Path folder = out != null ? out : settings.home().resolve("reports");
        writable(folder);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("trading-core report: database %s%n", settings.describeDatabase());
        console.flush();
        Clock clock = Clock.systemUTC();
        DailyReport report;
        try (CoreContainer core = CoreContainer.database(settings, new LoggingAlertSink(), clock)) {
            report = new ReportingDay(core.get(TradingDayReads.class)).report(day, clock.instant());
        }
        Path page = folder.resolve("report-" + day.date() + ".html");
        write(page, report.html());
        console.printf("report of %s (%s day): %d fills, %d orders, realized P&L today %s, unrealized at the close"
                        + " %s%n", day.date(), day.zone().getId(), report.day().fills().size(),
                report.day().orderCount(), report.day().realizedToday().setScale(2, java.math.RoundingMode.HALF_EVEN)
                        .toPlainString(), report.day().unrealized().toPlainString());
        console.printf("  %s%n", page.toAbsolutePath());
        for (var csv : report.csv()) {
            Path file = folder.resolve(csv._1);
            write(file, csv._2);
            console.printf("  %s%n", file.toAbsolutePath());
        }
        console.flush();
        return 0;
    }

    private TradingDayWindow day(ZoneId configured) {
        ZoneId zoneId;
        try {
            zoneId = zone == null ? configured : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(), "--zone " + zone + " is not a time zone (e.g."
                    + " America/New_York, Europe/London, UTC)");
        }
        try {
            return new TradingDayWindow(date == null ? LocalDate.now(zoneId) : LocalDate.parse(date), zoneId);
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(), "--date " + date + " is not a date as YYYY-MM-DD");
        }
    }

    /** Checked before the database is opened: a folder that cannot be written is a usage error, found at once. */
    private void writable(Path folder) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".report", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ParameterException(spec.commandLine(), "--out " + folder + " cannot be written: " + e);
        }
    }

    /** Written beside, then moved over: a reader never sees half a page. */
    private static void write(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
