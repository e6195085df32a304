package dev.tradingcore.application.report;

import dev.tradingcore.domain.report.TradingDay;
import io.vavr.collection.Map;

/**
 * One day's report, ready to be written.
 *
 * @param html a self-contained page: styles and charts inline, nothing fetched from the network
 * @param csv file name to content, the tables of the page a spreadsheet can read
 */
public record DailyReport(TradingDay day, String html, Map<String, String> csv) {
}
