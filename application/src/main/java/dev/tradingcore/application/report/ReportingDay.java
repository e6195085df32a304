package dev.tradingcore.application.report;

import dev.tradingcore.application.report.render.CsvTables;
import dev.tradingcore.application.report.render.HtmlPage;
import dev.tradingcore.domain.report.TradingDay;
import dev.tradingcore.domain.report.TradingDayReads;
import dev.tradingcore.domain.common.TradingDayWindow;
import java.time.Instant;

/** Builds the post-market report of one trading day. Reads only. */
public final class ReportingDay {

    private final TradingDayReads reads;

    public ReportingDay(TradingDayReads reads) {
        this.reads = reads;
    }

    /** @param generatedAt shown on the page, so that a report of a day still running says when it was taken */
    public DailyReport report(TradingDayWindow window, Instant generatedAt) {
        TradingDay day = reads.read(window);
        return new DailyReport(day, HtmlPage.render(day, generatedAt), CsvTables.render(day));
    }
}
