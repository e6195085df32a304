package dev.tradingcore.application.report.render;

import dev.tradingcore.domain.report.ClosingPosition;
import dev.tradingcore.domain.report.DayFill;
import dev.tradingcore.domain.report.TradingDay;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;

/** The page's tables as CSV (RFC 4180: fields quoted when they hold a comma, a quote or a line break). */
public final class CsvTables {

    private CsvTables() {
    }

    public static Map<String, String> render(TradingDay day) {
        String prefix = "report-" + day.window().date() + "-";
        return LinkedHashMap.of(
                prefix + "positions.csv", positions(day),
                prefix + "fills.csv", fills(day),
                prefix + "equity.csv", equity(day));
    }

    private static String positions(TradingDay day) {
        StringBuilder csv = line(new StringBuilder(), List.of("symbol", "quantity", "average_price", "closing_price",
                "priced_at", "market_value", "unrealized_pnl", "realized_pnl_today", "realized_pnl_total"));
        for (ClosingPosition p : day.positions()) {
            line(csv, List.of(p.symbol(), Figures.plain(p.quantity()),
                    p.averagePrice().map(Figures::plain).getOrElse(""),
                    p.closingPrice().map(Figures::plain).getOrElse(""),
                    p.pricedAt().map(Object::toString).getOrElse(""), Figures.amount(p.marketValue()),
                    Figures.amount(p.unrealizedPnl()), Figures.amount(p.realizedToday()),
                    Figures.amount(p.realizedTotal())));
        }
        return csv.toString();
    }

    private static String fills(TradingDay day) {
        StringBuilder csv = line(new StringBuilder(), List.of("executed_at", "trade_id", "order_id", "symbol", "side",
                "quantity", "price", "commission"));
        for (DayFill f : day.fills()) {
            line(csv, List.of(f.executedAt().toString(), f.tradeId(), f.orderId(), f.symbol(), f.side(),
                    Figures.plain(f.quantity()), Figures.plain(f.price()), Figures.plain(f.commission())));
        }
        return csv.toString();
    }

    private static String equity(TradingDay day) {
        StringBuilder csv = line(new StringBuilder(), List.of("at", "portfolio_value", "drawdown_percent"));
        day.equity().zip(day.drawdownPercent()).forEach(point -> line(csv, List.of(point._1.at().toString(),
                Figures.amount(point._1.portfolioValue()), point._2.toPlainString())));
        return csv.toString();
    }

    private static StringBuilder line(StringBuilder csv, List<String> fields) {
        csv.append(fields.map(CsvTables::field).mkString(",")).append("\r\n");
        return csv;
    }

    static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
