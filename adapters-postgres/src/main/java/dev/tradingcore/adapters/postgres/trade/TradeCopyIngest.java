package dev.tradingcore.adapters.postgres.trade;

import dev.tradingcore.domain.trade.IngestReport;
import dev.tradingcore.domain.trade.IngestReport.Reason;
import dev.tradingcore.domain.trade.IngestReport.Rejected;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeIngest;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk ingest of historical trades with PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}, streamed in chunks.
 *
 * <p><b>Chunks.</b> The input is consumed once, {@code chunkSize} trades at a time (10,000 by default); each chunk is
 * one COPY and one transaction, encoded in 64 KiB pieces as it is sent, so neither the whole input nor a whole
 * chunk's text is ever held as one payload. Memory is one chunk of trades plus one buffer.
 *
 * <p><b>Duplicates.</b> The trades trigger skips a trade whose id is recorded with the same economic content; COPY
 * does not count it, so a chunk's duplicates are the trades sent minus the rows COPY reports.
 *
 * <p><b>Bad rows do not sink their chunk.</b> A conflicting replay (SQLSTATE 23T01) or a trade of an unknown order
 * (23503) aborts the COPY, and the transaction rolls back whole: nothing of the chunk is stored. The chunk is then
 * diagnosed with two reads ({@code orders} and {@code trade_ids} for the chunk's ids): trades of unknown orders and
 * trades conflicting with the registry, or with an earlier trade of the same id in the input, are set aside and
 * listed in the report; the rest of the chunk is copied again. A value the database cannot hold (a time outside the
 * years 1 to 9999, a NUL in an id) is set aside before sending. Any other failure (connection lost, timeout) throws
 * {@link TradeIngestFailure}: chunks committed before it stay, and running the same ingest again skips them as
 * duplicates.
 *
 * <p><b>Positions are not touched, so only history is taken.</b> Trades of orders still open, and trades their order's
 * filled quantity does not cover, are set aside and reported ({@code LIVE_ORDER}, {@code BEYOND_FILLED}): live fills go
 * through the fill journal, which updates the position and the order in the trade's own transaction; stored here
 * first, a live delivery of the same fill would be a duplicate and the position would never move.
 */
public final class TradeCopyIngest implements TradeIngest {

    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    private static final String CONFLICTING_REPLAY = "23T01";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final int BUFFER_CHARS = 64 * 1024;
    /** A diagnosed chunk can only fail again if another writer changes orders or trade ids meanwhile. */
    private static final int ATTEMPTS_PER_CHUNK = 5;

    private final DataSource dataSource;
    private final int chunkSize;

    /** @param dataSource where to write; bulk work belongs on its own pool, away from the trading path */
    public TradeCopyIngest(DataSource dataSource, int chunkSize) {
        if (dataSource == null || chunkSize < 1) {
            throw new IllegalArgumentException("bulk ingest needs a data source and a positive chunk size");
        }
        this.dataSource = dataSource;
        this.chunkSize = chunkSize;
    }

    public TradeCopyIngest(DataSource dataSource) {
        this(dataSource, DEFAULT_CHUNK_SIZE);
    }

    @Override
    public IngestReport ingest(Iterable<Trade> trades) {
        if (trades == null) {
            throw new IllegalArgumentException("no trades to ingest");
        }
        IngestReport total = IngestReport.EMPTY;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<Trade> chunk = new ArrayList<>(Math.min(chunkSize, 1 << 16));
                for (Trade trade : trades) {
                    if (trade == null) {
                        throw new IllegalArgumentException("trade number " + (total.received() + chunk.size() + 1)
                                + " of the ingest is null");
                    }
                    chunk.add(trade);
                    if (chunk.size() == chunkSize) {
                        total = total.plus(storeChunk(connection, chunk, total));
                        chunk.clear();
                    }
                }
                if (!chunk.isEmpty()) {
                    total = total.plus(storeChunk(connection, chunk, total));
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException failure) {
            throw new TradeIngestFailure("bulk ingest failed after " + total.received() + " trades: "
                    + failure.getMessage(), total, failure);
        }
        return total;
    }

    /** Stores one chunk in one transaction, setting aside (and reporting) the trades that cannot be stored. */
    private IngestReport storeChunk(Connection connection, List<Trade> chunk, IngestReport before)
            throws SQLException {
        TreeMap<Integer, Rejected> rejected = new TreeMap<>();
        List<Integer> toCopy = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Option<String> why = TradeCsv.unstorable(chunk.get(i));
            if (why.isDefined()) {
                rejected.put(i, new Rejected(chunk.get(i).tradeId(), Reason.UNSTORABLE_VALUE, why.get()));
            } else {
                toCopy.add(i);
            }
        }
        Map<Integer, Rejected> live = notCoveredByTheirOrders(connection, chunk, toCopy);
        rejected.putAll(live);
        toCopy.removeAll(live.keySet());
        for (int attempt = 1; ; attempt++) {
            try {
                long copied = toCopy.isEmpty() ? 0 : copy(connection, chunk, toCopy);
                connection.commit();
                return new IngestReport(chunk.size(), copied, toCopy.size() - copied,
                        io.vavr.collection.List.ofAll(rejected.values()));
            } catch (SQLException failure) {
                connection.rollback();
                String state = failure.getSQLState();
                if (!CONFLICTING_REPLAY.equals(state) && !FOREIGN_KEY_VIOLATION.equals(state)) {
                    throw new TradeIngestFailure("the chunk of trades " + (before.received() + 1) + " to "
                            + (before.received() + chunk.size()) + " was not stored" + culprit(failure, chunk, toCopy)
                            + ": " + failure.getMessage(), before, failure);
                }
                Map<Integer, Rejected> found = diagnose(connection, chunk, toCopy);
                connection.rollback();
                if (found.isEmpty() || attempt >= ATTEMPTS_PER_CHUNK) {
                    throw new TradeIngestFailure("the chunk of trades " + (before.received() + 1) + " to "
                            + (before.received() + chunk.size()) + " failed with SQLSTATE " + state
                            + (found.isEmpty() ? ", which no trade of it explains: " : " on every attempt: ")
                            + failure.getMessage(), before, failure);
                }
                rejected.putAll(found);
                toCopy.removeAll(found.keySet());
            }
        }
    }

    private static final Pattern COPY_LINE = Pattern.compile("COPY trades, line (\\d+)");

    /** Names the trade on the line PostgreSQL's error points at, if it does. */
    private static String culprit(SQLException failure, List<Trade> chunk, List<Integer> sent) {
        Matcher line = COPY_LINE.matcher(String.valueOf(failure.getMessage()));
        if (line.find()) {
            int index = Integer.parseInt(line.group(1)) - 1;
            if (index >= 0 && index < sent.size()) {
                return " because of trade " + chunk.get(sent.get(index)).tradeId();
            }
        }
        return "";
    }

    private static long copy(Connection connection, List<Trade> chunk, List<Integer> positions) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(TradeCsv.COPY_SQL);
        try {
            StringBuilder text = new StringBuilder(BUFFER_CHARS + 1024);
            for (int position : positions) {
                TradeCsv.appendRow(text, chunk.get(position));
                if (text.length() >= BUFFER_CHARS) {
                    send(copy, text);
                }
            }
            send(copy, text);
            return copy.endCopy();
        } catch (SQLException | RuntimeException failure) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancelFailure) {
                    failure.addSuppressed(cancelFailure);
                }
            }
            throw failure;
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /**
     * Which of the chunk's trades the database refuses: those whose order is unknown, then those whose id is
     * recorded (or appears earlier in the chunk) with other economic content. The first occurrence of an id wins,
     * as it would in the database.
     */
    private static Map<Integer, Rejected> diagnose(Connection connection, List<Trade> chunk, List<Integer> positions)
            throws SQLException {
        Set<String> orderIds = new LinkedHashSet<>();
        Set<String> tradeIds = new LinkedHashSet<>();
        for (int position : positions) {
            orderIds.add(chunk.get(position).orderId().value());
            tradeIds.add(chunk.get(position).tradeId().value());
        }
        Set<String> knownOrders = new HashSet<>(orderIds.size());
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT order_id FROM orders WHERE order_id = ANY (?)")) {
            bindTextArray(connection, ps, orderIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    knownOrders.add(rs.getString(1));
                }
            }
        }
        Map<String, Economics> recorded = new HashMap<>(tradeIds.size());
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT trade_id, order_id, symbol, side, quantity, price, trade_timestamp
                FROM trade_ids WHERE trade_id = ANY (?)
                """)) {
            bindTextArray(connection, ps, tradeIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recorded.put(rs.getString(1), new Economics(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), "recorded at " + rs.getString(7)));
                }
            }
        }
        Map<Integer, Rejected> found = new TreeMap<>();
        for (int position : positions) {
            Trade trade = chunk.get(position);
            if (!knownOrders.contains(trade.orderId().value())) {
                found.put(position, new Rejected(trade.tradeId(), Reason.UNKNOWN_ORDER,
                        "order " + trade.orderId().value() + " does not exist"));
                continue;
            }
            Economics arrived = Economics.of(trade, "in the input as trade number " + (position + 1) + " of its chunk");
            Economics first = recorded.putIfAbsent(trade.tradeId().value(), arrived);
            if (first != null && !first.sameAs(arrived)) {
                found.put(position, new Rejected(trade.tradeId(), Reason.CONFLICTING_REPLAY,
                        first.describe() + "; arrived: " + arrived.describe()));
            }
        }
        return found;
    }

    /**
     * The chunk's trades that bulk ingest must not store: trades of orders still open (live fills are the fill
     * journal's, with their position), and trades beyond what their order's filled quantity covers together with the
     * trades already stored. A trade already recorded is left to the trigger (a duplicate, or a conflict).
     */
    private static Map<Integer, Rejected> notCoveredByTheirOrders(Connection connection, List<Trade> chunk,
            List<Integer> positions) throws SQLException {
        Set<String> orderIds = new LinkedHashSet<>();
        Set<String> tradeIds = new LinkedHashSet<>();
        for (int position : positions) {
            orderIds.add(chunk.get(position).orderId().value());
            tradeIds.add(chunk.get(position).tradeId().value());
        }
        record Coverage(String status, BigDecimal filled, BigDecimal stored) {
        }
        Map<String, Coverage> orders = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT o.order_id, o.status, o.filled_quantity,
                       (SELECT coalesce(sum(t.quantity), 0) FROM trades t WHERE t.order_id = o.order_id)
                  FROM orders o WHERE o.order_id = ANY (?)
                """)) {
            bindTextArray(connection, ps, orderIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.put(rs.getString(1), new Coverage(rs.getString(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4)));
                }
            }
        }
        Set<String> recorded = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT trade_id FROM trade_ids WHERE trade_id = ANY (?)")) {
            bindTextArray(connection, ps, tradeIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recorded.add(rs.getString(1));
                }
            }
        }
        Map<Integer, Rejected> refused = new TreeMap<>();
        Map<String, BigDecimal> covered = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int position : positions) {
            Trade trade = chunk.get(position);
            Coverage order = orders.get(trade.orderId().value());
            if (order == null || recorded.contains(trade.tradeId().value()) || !seen.add(trade.tradeId().value())) {
                continue; // unknown orders, replays and repeats: the database's to judge, as before
            }
            OrderStatus status = OrderStatus.fromCode(order.status()).getOrElse(OrderStatus.UNKNOWN);
            if (status.isOpen()) {
                refused.put(position, new Rejected(trade.tradeId(), Reason.LIVE_ORDER, "order "
                        + trade.orderId().value() + " is " + status.code() + ": its fills are live fills, booked with "
                        + "their position by the fill journal, not by bulk ingest"));
                continue;
            }
            BigDecimal total = covered.getOrDefault(trade.orderId().value(), order.stored())
                    .add(trade.quantity().value());
            if (total.compareTo(order.filled()) > 0) {
                refused.put(position, new Rejected(trade.tradeId(), Reason.BEYOND_FILLED, "order "
                        + trade.orderId().value() + " has " + order.filled().stripTrailingZeros().toPlainString()
                        + " filled, and its trades would add up to " + total.stripTrailingZeros().toPlainString()
                        + ": a fill the order never booked, which bulk ingest cannot book either"));
                continue;
            }
            covered.put(trade.orderId().value(), total);
        }
        return refused;
    }

    private static void bindTextArray(Connection connection, PreparedStatement ps, Set<String> values)
            throws SQLException {
        Array array = connection.createArrayOf("text", values.toArray());
        ps.setArray(1, array);
    }

    /** What the trades trigger compares on a replay: order, symbol, side, quantity and price. */
    private record Economics(String orderId, String symbol, String side, BigDecimal quantity, BigDecimal price,
            String where) {

        static Economics of(Trade trade, String where) {
            return new Economics(trade.orderId().value(), trade.symbol().value(), trade.side().code(),
                    trade.quantity().value(), trade.price().value(), where);
        }

        boolean sameAs(Economics other) {
            return orderId.equals(other.orderId) && symbol.equals(other.symbol) && side.equals(other.side)
                    && quantity.compareTo(other.quantity) == 0 && price.compareTo(other.price) == 0;
        }

        String describe() {
            return "order " + orderId + " " + side + " " + quantity.toPlainString() + " " + symbol + " @ "
                    + price.toPlainString() + " (" + where + ")";
        }
    }
}
