package dev.tradingcore.adapters.postgres.trade;

import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One trade as one line of {@code COPY ... WITH (FORMAT csv)}, in the order of {@link #COLUMNS}.
 *
 * <p>Every text field is quoted and an embedded quote doubled, so commas, quotes, carriage returns, newlines and a
 * lone {@code \.} in a trade id arrive as written (the design's unquoted CSV broke on all of them). Numbers are
 * plain decimals (never exponent notation); the time is ISO-8601 in UTC with up to nanoseconds (PostgreSQL rounds
 * to microseconds, as pgjdbc does for a bound parameter). An absent liquidity is an unquoted empty field, which CSV
 * reads as NULL; a quoted empty string would be an empty string.
 */
final class TradeCsv {

    static final String COLUMNS =
            "trade_id, order_id, symbol, side, quantity, price, timestamp, commission, trade_value, liquidity";

    static final String COPY_SQL = "COPY trades (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

    private TradeCsv() {}

    /**
     * Why the database could not hold this trade's values, or none: a time outside the years 1 to 9999 (the
     * format and PostgreSQL's range) or a NUL character, which PostgreSQL text cannot contain.
     */
    static Option<String> unstorable(Trade trade) {
        int year = trade.timestamp().atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) {
            return Option.some("time " + trade.timestamp() + " is outside the years 1 to 9999");
        }
        if (trade.tradeId().value().indexOf('\0') >= 0 || trade.orderId().value().indexOf('\0') >= 0) {
            return Option.some("an id contains a NUL character, which PostgreSQL text cannot hold");
        }
        return Option.none();
    }

    static void appendRow(StringBuilder out, Trade trade) {
        quoted(out, trade.tradeId().value());
        out.append(',');
        quoted(out, trade.orderId().value());
        out.append(',');
        quoted(out, trade.symbol().value());
        out.append(',');
        quoted(out, trade.side().code());
        out.append(',');
        out.append(trade.quantity().value().toPlainString());
        out.append(',');
        out.append(trade.price().value().toPlainString());
        out.append(',');
        time(out, trade.timestamp());
        out.append(',');
        out.append(trade.commission().toPlainString());
        out.append(',');
        out.append(trade.tradeValue().amount().toPlainString());
        out.append(',');
        if (trade.liquidity().isDefined()) {
            quoted(out, trade.liquidity().get().code());
        }
        out.append('\n');
    }

    private static void time(StringBuilder out, Instant at) {
        UTC.formatTo(at, out);
    }

    private static void quoted(StringBuilder out, String value) {
        out.append('"');
        if (value.indexOf('"') < 0) {
            out.append(value);
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
        }
        out.append('"');
    }
}
