package dev.tradingcore.application.report.render;

import dev.tradingcore.domain.report.ClosingPosition;
import dev.tradingcore.domain.report.DayFill;
import dev.tradingcore.domain.report.LimitBreach;
import dev.tradingcore.domain.report.RejectedOrder;
import dev.tradingcore.domain.report.TradingDay;
import io.vavr.Tuple;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The report as one self-contained HTML page. Every headline figure carries {@code data-figure="name"}, every chart
 * {@code data-chart="name"}, so that a test (or a script of the trader's) reads the numbers the page shows.
 */
public final class HtmlPage {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#1b1f24;max-width:1100px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de}
            .meta{color:#57606a;font-size:13px}
            .figures{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-top:16px}
            .figure{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}
            .figure span{display:block;color:#57606a;font-size:12px}.figure b{font-size:18px}
            .neg{color:#cf222e}.pos{color:#1a7f37}
            table{border-collapse:collapse;font-size:13px;width:100%}
            th,td{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}td.text{text-align:left}
            svg .plot{fill:#f6f8fa;stroke:#d0d7de}svg .line{fill:none;stroke:#0969da;stroke-width:2}
            svg .axis{font-size:11px;fill:#57606a}svg .bar{fill:#0969da}svg .bar.short{fill:#cf222e}
            .empty{color:#57606a;font-style:italic}
            """;

    private HtmlPage() {
    }

    public static String render(TradingDay day, Instant generatedAt) {
        StringBuilder page = new StringBuilder(16_384);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>trading-core report ").append(day.window().date()).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>")
                .append("<h1>Trading day ").append(day.window().date()).append("</h1>")
                .append("<p class=\"meta\">").append(Html.escape(day.window().zone().getId())).append(" day, ")
                .append(day.window().start()).append(" to ").append(day.window().end())
                .append(" (UTC); generated ").append(generatedAt).append(". Positions at the close from the audit")
                .append(" trail, valued at the last price before the close.</p>");
        figures(page, day);
        page.append("<h2>Equity through the day</h2>")
                .append(Svg.line("equity", "Portfolio value at each risk snapshot",
                        day.equity().map(p -> Tuple.of(p.at(), p.portfolioValue())), ""))
                .append("<h2>Drawdown</h2>")
                .append(Svg.line("drawdown", "Drawdown from the day's high, percent",
                        day.equity().map(p -> p.at()).zip(day.drawdownPercent().map(BigDecimal::negate)), " %"))
                .append("<h2>Exposure by symbol</h2>")
                .append(Svg.bars("exposure-symbol", "Market value by symbol at the close",
                        day.positions().filter(ClosingPosition::isOpen).sortBy(p -> p.marketValue().abs().negate())
                                .map(p -> Tuple.of(p.symbol(), p.marketValue())), ""))
                .append("<h2>Exposure by sector</h2>")
                .append(Svg.bars("exposure-sector", "Gross exposure by sector, percent of portfolio value (the day's last risk snapshot)",
                        day.sectorExposure().toList().sortBy(s -> s._2.negate()), " %"));
        positions(page, day);
        ordersByStatus(page, day);
        rejected(page, day.rejected());
        breaches(page, day.breaches());
        fills(page, day.fills());
        return page.append("</body></html>\n").toString();
    }

    private static void figures(StringBuilder page, TradingDay day) {
        page.append("<div class=\"figures\">");
        figure(page, "realized-today", "Realized P&L today", Figures.amount(day.realizedToday()));
        figure(page, "unrealized", "Unrealized P&L at the close", Figures.amount(day.unrealized()));
        figure(page, "gross-exposure", "Gross exposure", Figures.amount(day.grossExposure()));
        figure(page, "net-exposure", "Net exposure", Figures.amount(day.netExposure()));
        figure(page, "fills", "Fills", Integer.toString(day.fills().size()));
        figure(page, "orders", "Orders placed", Integer.toString(day.orderCount()));
        figure(page, "commissions", "Commissions", Figures.amount(day.commissions()));
        figure(page, "max-drawdown", "Largest drawdown", Figures.percent(day.maxDrawdownPercent()) + " %");
        page.append("</div>");
    }

    private static void figure(StringBuilder page, String name, String label, String value) {
        String tone = value.startsWith("-") ? " neg" : "";
        page.append("<div class=\"figure\"><span>").append(Html.escape(label)).append("</span><b class=\"value")
                .append(tone).append("\" data-figure=\"").append(name).append("\">").append(Html.escape(value))
                .append("</b></div>");
    }

    private static void positions(StringBuilder page, TradingDay day) {
        page.append("<h2>Positions at the close</h2>");
        if (day.positions().isEmpty()) {
            page.append("<p class=\"empty\">nothing booked</p>");
            return;
        }
        page.append("<table data-table=\"positions\"><tr><th>symbol</th><th>quantity</th><th>average price</th>")
                .append("<th>closing price</th><th>market value</th><th>unrealized</th><th>realized today</th>")
                .append("<th>realized total</th></tr>");
        for (ClosingPosition p : day.positions()) {
            page.append("<tr><td>").append(Html.escape(p.symbol())).append("</td><td>")
                    .append(Figures.plain(p.quantity())).append("</td><td>")
                    .append(p.averagePrice().map(Figures::plain).getOrElse("")).append("</td><td>")
                    .append(p.closingPrice().map(Figures::plain).getOrElse(p.isOpen() ? "no price: at cost" : ""))
                    .append("</td><td>").append(Figures.amount(p.marketValue())).append("</td><td>")
                    .append(Figures.amount(p.unrealizedPnl())).append("</td><td>")
                    .append(Figures.amount(p.realizedToday())).append("</td><td>")
                    .append(Figures.amount(p.realizedTotal())).append("</td></tr>");
        }
        page.append("</table>");
    }

    private static void ordersByStatus(StringBuilder page, TradingDay day) {
        page.append("<h2>Orders by status</h2>");
        if (day.ordersByStatus().isEmpty()) {
            page.append("<p class=\"empty\">no order placed this day</p>");
            return;
        }
        page.append("<table data-table=\"orders\"><tr><th>status</th><th>orders</th></tr>");
        day.ordersByStatus().forEach((status, count) -> page.append("<tr><td>").append(Html.escape(status))
                .append("</td><td>").append(count).append("</td></tr>"));
        page.append("</table>");
    }

    private static void rejected(StringBuilder page, List<RejectedOrder> rejected) {
        page.append("<h2>Rejected orders</h2>");
        if (rejected.isEmpty()) {
            page.append("<p class=\"empty\">none</p>");
            return;
        }
        page.append("<table data-table=\"rejected\"><tr><th>order</th><th>placed</th><th>symbol</th><th>side</th>")
                .append("<th>quantity</th><th>why</th></tr>");
        for (RejectedOrder r : rejected) {
            page.append("<tr><td>").append(Html.escape(r.orderId())).append("</td><td>").append(r.submittedAt())
                    .append("</td><td>").append(Html.escape(r.symbol())).append("</td><td>")
                    .append(Html.escape(r.side())).append("</td><td>").append(Figures.plain(r.quantity()))
                    .append("</td><td class=\"text\">").append(Html.escape(r.reason())).append("</td></tr>");
        }
        page.append("</table>");
    }

    private static void breaches(StringBuilder page, List<LimitBreach> breaches) {
        page.append("<h2>Limit breaches and risk events</h2>");
        if (breaches.isEmpty()) {
            page.append("<p class=\"empty\">none</p>");
            return;
        }
        page.append("<table data-table=\"breaches\"><tr><th>when</th><th>event</th><th>severity</th>")
                .append("<th>what</th></tr>");
        for (LimitBreach b : breaches) {
            page.append("<tr><td>").append(b.at()).append("</td><td>").append(Html.escape(b.action()))
                    .append("</td><td>").append(Html.escape(b.severity())).append("</td><td class=\"text\">")
                    .append(Html.escape(b.description())).append("</td></tr>");
        }
        page.append("</table>");
    }

    private static void fills(StringBuilder page, List<DayFill> fills) {
        page.append("<h2>Fills</h2>");
        if (fills.isEmpty()) {
            page.append("<p class=\"empty\">no fill this day</p>");
            return;
        }
        page.append("<table data-table=\"fills\"><tr><th>executed</th><th>trade</th><th>order</th><th>symbol</th>")
                .append("<th>side</th><th>quantity</th><th>price</th><th>commission</th></tr>");
        for (DayFill f : fills) {
            page.append("<tr><td>").append(f.executedAt()).append("</td><td>").append(Html.escape(f.tradeId()))
                    .append("</td><td>").append(Html.escape(f.orderId())).append("</td><td>")
                    .append(Html.escape(f.symbol())).append("</td><td>").append(Html.escape(f.side()))
                    .append("</td><td>").append(Figures.plain(f.quantity())).append("</td><td>")
                    .append(Figures.plain(f.price())).append("</td><td>").append(Figures.plain(f.commission()))
                    .append("</td></tr>");
        }
        page.append("</table>");
    }
}
