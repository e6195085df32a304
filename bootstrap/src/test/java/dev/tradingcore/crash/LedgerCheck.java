package dev.tradingcore.crash;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The crash test's verdict on a quiet exchange and the database after recovery. It compares what the core
 * <em>booked</em>, before any correction, with the exchange:
 * <ul>
 *   <li>fills: every fill the exchange reported is stored exactly once and as reported (side, quantity, price,
 *       execution time, order), nothing is stored that the exchange never reported;</li>
 *   <li>audit lines: every stored fill has exactly one fill audit line that describes it, and each fill line's
 *       position is the one the fills booked before it (in booking order, i.e. audit line order) and this fill give:
 *       a trade committed without its position change breaks this chain at that fill;</li>
 *   <li>positions: per symbol, the position the last fill booked (its audit line), the position recomputed from our
 *       stored fills in execution order, the exchange's position and the position its fills give in execution order
 *       agree in quantity, average price and realized P&amp;L; the positions row equals what the last fill booked
 *       unless recovery corrected it;</li>
 *   <li>corrections: every {@code position_corrected} line is a finding (recovery overwrites our quantity with the
 *       broker's, which would hide a lost update): in this scenario nothing explains one, as every fill of ours is
 *       booked with its position in one transaction and recovery reads missed fills before it compares;</li>
 *   <li>orders: no order of ours stays open, or differs in what filled, where the exchange has closed it.</li>
 * </ul>
 *
 * @param fillsChecked the exchange's fill activities compared with the database
 * @param ordersChecked our orders compared with the exchange
 * @param findings one line each, by kind; empty when everything agrees
 */
record LedgerCheck(int fillsChecked, int ordersChecked, List<Finding> findings) {

    /** What a finding is about. */
    enum Kind {
        FILL("fills"), ORDER("orders"), POSITION("positions"), AVERAGE_PRICE("average prices"),
        REALIZED_PNL("realized P&L"), AUDIT("audit lines"), CORRECTION("corrections");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One discrepancy between the database and the exchange, or within what the core booked. */
    record Finding(Kind kind, String text) {}

    /** No verdict (the run failed before the check). */
    static final LedgerCheck EMPTY = new LedgerCheck(0, 0, List.of());

    /** The exchange's closed statuses and ours for each. */
    private static final Map<String, String> CLOSED_STATUS = Map.of("filled", "filled", "canceled", "cancelled",
            "expired", "expired", "rejected", "rejected");

    /** Every finding, one line each. */
    List<String> discrepancies() {
        return findings.stream().map(Finding::text).toList();
    }

    /** The findings of one kind. */
    long count(Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).count();
    }

    /**
     * Compares.
     *
     * @param exchangeFills every FILL activity of the exchange
     * @param exchangePositions the exchange's open positions, signed
     * @param exchangeOrders every order of the exchange
     * @param stored what the database holds
     */
    static LedgerCheck compare(List<ExchangeApi.Fill> exchangeFills, Map<String, BigDecimal> exchangePositions,
            List<ExchangeApi.Order> exchangeOrders, StoredLedger stored) {
        List<Finding> findings = new ArrayList<>();
        Map<String, ExchangeApi.Order> theirsByOurs = matchOrders(exchangeOrders, stored, problems(findings,
                Kind.ORDER));
        checkFills(exchangeFills, exchangeOrders, theirsByOurs, stored, problems(findings, Kind.FILL));
        Map<String, Book.State> booked = checkAudit(stored, findings);
        checkPositions(exchangeFills, exchangePositions, stored, booked, findings);
        checkOrders(theirsByOurs, stored, problems(findings, Kind.ORDER));
        return new LedgerCheck(exchangeFills.size(), stored.orders().size(), List.copyOf(findings));
    }

    /** Files each line given under {@code kind}. */
    private static Consumer<String> problems(List<Finding> findings, Kind kind) {
        return text -> findings.add(new Finding(kind, text));
    }

    /**
     * The exchange's order for each of ours, by the client order id we gave it (ours equals our order id); an
     * exchange order that none of ours claims is a discrepancy: every order we send is recorded before it is sent.
     */
    private static Map<String, ExchangeApi.Order> matchOrders(List<ExchangeApi.Order> exchangeOrders,
            StoredLedger stored, Consumer<String> problems) {
        Map<String, StoredLedger.Order> oursByClientOrderId = new HashMap<>();
        stored.orders().forEach(o -> oursByClientOrderId.put(o.exchangeClientOrderId(), o));
        Map<String, ExchangeApi.Order> theirsByOurs = new LinkedHashMap<>();
        for (ExchangeApi.Order theirs : exchangeOrders) {
            StoredLedger.Order ours = theirs.clientOrderId() == null ? null
                    : oursByClientOrderId.get(theirs.clientOrderId());
            if (ours == null) {
                problems.accept("exchange order " + theirs.id() + " (client order id " + theirs.clientOrderId() + ", "
                        + theirs.side() + " " + theirs.quantity().toPlainString() + " " + theirs.symbol() + ", "
                        + theirs.status() + ", filled " + theirs.filledQuantity().toPlainString()
                        + ") is not in our orders");
            } else if (theirsByOurs.put(ours.orderId(), theirs) != null) {
                problems.accept("the exchange has two orders with client order id " + theirs.clientOrderId());
            }
        }
        return theirsByOurs;
    }

    private static void checkFills(List<ExchangeApi.Fill> exchangeFills, List<ExchangeApi.Order> exchangeOrders,
            Map<String, ExchangeApi.Order> theirsByOurs, StoredLedger stored, Consumer<String> problems) {
        Map<String, List<StoredLedger.Trade>> storedById = new HashMap<>();
        for (StoredLedger.Trade trade : stored.trades()) {
            storedById.computeIfAbsent(trade.tradeId(), id -> new ArrayList<>()).add(trade);
        }
        // Which of our orders each exchange order is: by the exchange's id, through the client order id.
        Map<String, String> ourOrderByExchangeId = new HashMap<>();
        theirsByOurs.forEach((ourOrderId, order) -> ourOrderByExchangeId.put(order.id(), ourOrderId));
        Map<String, ExchangeApi.Order> exchangeOrderById = new HashMap<>();
        exchangeOrders.forEach(o -> exchangeOrderById.put(o.id(), o));

        Map<String, ExchangeApi.Fill> reported = new LinkedHashMap<>();
        for (ExchangeApi.Fill fill : exchangeFills) {
            if (reported.put(fill.tradeId(), fill) != null) {
                problems.accept("exchange reported trade id " + fill.tradeId() + " twice (activity " + fill.activityId()
                        + ")");
            }
            List<StoredLedger.Trade> copies = storedById.getOrDefault(fill.tradeId(), List.of());
            if (copies.isEmpty()) {
                String owner = Optional.ofNullable(ourOrderByExchangeId.get(fill.orderId()))
                        .map(id -> "our order " + id)
                        .or(() -> Optional.ofNullable(exchangeOrderById.get(fill.orderId()))
                                .map(o -> "an order with client order id " + o.clientOrderId() + ", unknown to us"))
                        .orElse("an order the exchange does not list");
                problems.accept("fill " + fill.tradeId() + " (" + fill.side() + " " + fill.quantity().toPlainString()
                        + " " + fill.symbol() + " @ " + fill.price().toPlainString() + ", exchange order "
                        + fill.orderId() + ": " + owner + ") is not stored");
                continue;
            }
            if (copies.size() > 1) {
                problems.accept("fill " + fill.tradeId() + " is stored " + copies.size() + " times");
            }
            StoredLedger.Trade trade = copies.get(0);
            if (trade.quantity().compareTo(fill.quantity()) != 0 || trade.price().compareTo(fill.price()) != 0
                    || !trade.symbol().equals(fill.symbol()) || !trade.side().equals(normalSide(fill.side()))) {
                problems.accept("fill " + fill.tradeId() + " is stored as " + trade.side() + " "
                        + trade.quantity().toPlainString() + " " + trade.symbol() + " @ "
                        + trade.price().toPlainString() + " but the exchange reported " + fill.side() + " "
                        + fill.quantity().toPlainString() + " " + fill.symbol() + " @ " + fill.price().toPlainString());
            }
            if (!trade.executedAt().truncatedTo(ChronoUnit.MICROS).equals(fill.executedAt().truncatedTo(
                    ChronoUnit.MICROS))) {
                problems.accept("fill " + fill.tradeId() + " is stored as executed at " + trade.executedAt()
                        + " but the exchange reported " + fill.executedAt());
            }
            String ourOrder = ourOrderByExchangeId.get(fill.orderId());
            if (ourOrder != null && !ourOrder.equals(trade.orderId())) {
                problems.accept("fill " + fill.tradeId() + " is stored on our order " + trade.orderId()
                        + " but belongs to exchange order " + fill.orderId() + " = our order " + ourOrder);
            }
        }
        for (String tradeId : new TreeSet<>(storedById.keySet())) {
            if (!reported.containsKey(tradeId)) {
                StoredLedger.Trade trade = storedById.get(tradeId).get(0);
                problems.accept("stored trade " + tradeId + " (" + trade.side() + " " + trade.quantity().toPlainString()
                        + " " + trade.symbol() + ", our order " + trade.orderId()
                        + ") was never reported by the exchange");
            }
        }
    }

    /**
     * Replays every symbol's audit lines in booking order (their ids) with the verdict's own bookkeeping: each fill
     * line must describe a stored trade, each stored trade must have exactly one fill line, and each fill line's
     * position must be what the fills booked before it and this one give. A correction line is a finding; the replay
     * goes on from the corrected position.
     *
     * @return per symbol, the position the last fill booked (its audit line's), before any later correction
     */
    private static Map<String, Book.State> checkAudit(StoredLedger stored, List<Finding> findings) {
        Map<String, StoredLedger.Trade> tradeById = new HashMap<>();
        stored.trades().forEach(t -> tradeById.putIfAbsent(t.tradeId(), t));
        Map<String, List<StoredLedger.AuditLine>> linesByTrade = new HashMap<>();
        Map<String, Book> books = new TreeMap<>();
        Map<String, Integer> booked = new HashMap<>();
        Map<String, Book.State> lastBooked = new TreeMap<>();
        for (StoredLedger.AuditLine line : stored.audit()) {
            String symbol = line.detail("symbol");
            Book book = books.computeIfAbsent(symbol, s -> new Book());
            if (StoredLedger.AuditLine.POSITION_CORRECTED.equals(line.action())) {
                findings.add(new Finding(Kind.CORRECTION, "recovery corrected position " + symbol + " (audit line "
                        + line.id() + " at " + line.at() + ", " + line.detail("discrepancy") + "): ours "
                        + line.detail("our_quantity") + ", broker " + line.detail("broker_quantity") + ", set to "
                        + line.detail("corrected_quantity") + " @ " + line.detail("corrected_average_price")));
                book.reset(line.position().quantity(), line.position().average());
                continue;
            }
            if (!line.isFill()) {
                continue;
            }
            String tradeId = line.detail("trade_id");
            linesByTrade.computeIfAbsent(tradeId, id -> new ArrayList<>()).add(line);
            StoredLedger.Trade trade = tradeById.get(tradeId);
            int nth = booked.merge(symbol, 1, Integer::sum);
            if (trade == null) {
                findings.add(new Finding(Kind.AUDIT, "audit line " + line.id() + " (" + line.action() + " of trade "
                        + tradeId + ", " + line.detail("side") + " " + line.detail("quantity") + " " + symbol + " @ "
                        + line.detail("price") + ") has no stored trade"));
                book.apply(line.detail("side"), new BigDecimal(line.detail("quantity")),
                        new BigDecimal(line.detail("price")), line.decimal("commission").orElse(BigDecimal.ZERO));
            } else {
                if (!trade.orderId().equals(line.detail("order_id")) || !trade.symbol().equals(symbol)
                        || !trade.side().equals(line.detail("side"))
                        || trade.quantity().compareTo(new BigDecimal(line.detail("quantity"))) != 0
                        || trade.price().compareTo(new BigDecimal(line.detail("price"))) != 0) {
                    findings.add(new Finding(Kind.AUDIT, "audit line " + line.id() + " of fill " + tradeId + " says "
                            + line.detail("side") + " " + line.detail("quantity") + " " + symbol + " @ "
                            + line.detail("price") + " on order " + line.detail("order_id") + " but the trade is"
                            + " stored as " + trade.side() + " " + Book.plain(trade.quantity()) + " "
                            + trade.symbol() + " @ " + Book.plain(trade.price()) + " on order " + trade.orderId()));
                }
                book.apply(trade.side(), trade.quantity(), trade.price(), trade.commission());
            }
            Book.State expected = book.state();
            Book.State said = line.position();
            if (!said.sameQuantity(expected) || !said.sameAverage(expected) || !said.sameRealized(expected)) {
                findings.add(new Finding(Kind.AUDIT, "audit line " + line.id() + " of fill " + tradeId + " (" + symbol
                        + ", booked " + ordinal(nth) + "): position " + said + ", but the fills booked before it and"
                        + " this one give " + expected));
                book = Book.at(said);
                books.put(symbol, book);
            }
            lastBooked.put(symbol, said);
        }
        for (StoredLedger.Trade trade : stored.trades()) {
            List<StoredLedger.AuditLine> lines = linesByTrade.getOrDefault(trade.tradeId(), List.of());
            if (lines.isEmpty()) {
                findings.add(new Finding(Kind.AUDIT, "fill " + trade.tradeId() + " (" + trade.side() + " "
                        + Book.plain(trade.quantity()) + " " + trade.symbol() + " @ " + Book.plain(trade.price())
                        + ", our order " + trade.orderId() + ") has no audit line"));
            } else if (lines.size() > 1) {
                findings.add(new Finding(Kind.AUDIT, "fill " + trade.tradeId() + " has " + lines.size()
                        + " audit lines (" + lines.stream().map(l -> Long.toString(l.id())).toList() + ")"));
            }
        }
        return lastBooked;
    }

    /**
     * Per symbol, four views of the position agree: what the last fill booked, what our stored fills give in execution
     * order, the exchange's position, and what the exchange's fills give in execution order (the truth: its fills,
     * applied by the verdict's own bookkeeping, commission-free as the REST adapter reads them); and the positions row
     * is what the last fill booked unless recovery corrected it.
     */
    private static void checkPositions(List<ExchangeApi.Fill> exchangeFills, Map<String, BigDecimal> exchangePositions,
            StoredLedger stored, Map<String, Book.State> booked, List<Finding> findings) {
        Map<String, Book> truth = new TreeMap<>();
        exchangeFills.stream()
                .sorted(java.util.Comparator.comparing(ExchangeApi.Fill::executedAt)
                        .thenComparing(ExchangeApi.Fill::tradeId))
                .forEach(f -> truth.computeIfAbsent(f.symbol(), s -> new Book()).apply(normalSide(f.side()),
                        f.quantity(), f.price(), BigDecimal.ZERO));
        Map<String, Book> fromStored = new TreeMap<>();
        stored.trades().stream()
                .sorted(java.util.Comparator.comparing(StoredLedger.Trade::executedAt)
                        .thenComparing(StoredLedger.Trade::tradeId))
                .forEach(t -> fromStored.computeIfAbsent(t.symbol(), s -> new Book()).apply(t.side(), t.quantity(),
                        t.price(), t.commission()));
        Set<String> corrected = new TreeSet<>();
        stored.audit().stream().filter(l -> StoredLedger.AuditLine.POSITION_CORRECTED.equals(l.action()))
                .forEach(l -> corrected.add(l.detail("symbol")));

        Set<String> symbols = new TreeSet<>(exchangePositions.keySet());
        symbols.addAll(stored.positions().keySet());
        symbols.addAll(truth.keySet());
        symbols.addAll(fromStored.keySet());
        symbols.addAll(booked.keySet());
        for (String symbol : symbols) {
            Book.State exchange = truth.containsKey(symbol) ? truth.get(symbol).state() : Book.State.FLAT;
            BigDecimal exchangeQuantity = exchangePositions.getOrDefault(symbol, BigDecimal.ZERO);
            Book.State ours = fromStored.containsKey(symbol) ? fromStored.get(symbol).state() : Book.State.FLAT;
            Book.State last = booked.getOrDefault(symbol, Book.State.FLAT);
            if (!last.sameQuantity(exchange) || !ours.sameQuantity(exchange)
                    || exchangeQuantity.compareTo(exchange.quantity()) != 0) {
                findings.add(new Finding(Kind.POSITION, "position " + symbol + ": booked "
                        + Book.plain(last.quantity()) + ", exchange " + Book.plain(exchangeQuantity)
                        + " (its fills give " + Book.plain(exchange.quantity()) + "), our stored fills give "
                        + Book.plain(ours.quantity())));
            }
            if (!last.sameAverage(exchange) || !ours.sameAverage(exchange)) {
                findings.add(new Finding(Kind.AVERAGE_PRICE, "average price " + symbol + ": booked "
                        + average(last) + ", the exchange's fills in execution order give " + average(exchange)
                        + ", our stored fills in execution order " + average(ours)));
            }
            if (!last.sameRealized(exchange) || !ours.sameRealized(exchange)) {
                findings.add(new Finding(Kind.REALIZED_PNL, "realized P&L " + symbol + ": booked "
                        + Book.plain(last.realized()) + ", the exchange's fills in execution order give "
                        + Book.plain(exchange.realized()) + ", our stored fills in execution order "
                        + Book.plain(ours.realized())));
            }
            StoredLedger.Position row = stored.positions().get(symbol);
            Book.State rowState = row == null ? Book.State.FLAT : row.state();
            if (!corrected.contains(symbol) && (!rowState.sameQuantity(last) || !rowState.sameAverage(last)
                    || !rowState.sameRealized(last))) {
                findings.add(new Finding(Kind.POSITION, "the positions row of " + symbol + " holds " + rowState
                        + " but its last fill booked " + last));
            }
        }
    }

    private static String average(Book.State state) {
        return state.average().map(Book::plain).orElse("none");
    }

    private static String ordinal(int n) {
        return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }

    private static void checkOrders(Map<String, ExchangeApi.Order> theirsByOurs, StoredLedger stored,
            Consumer<String> problems) {
        Map<String, BigDecimal> filledByOrder = new HashMap<>();
        for (StoredLedger.Trade trade : stored.trades()) {
            filledByOrder.merge(trade.orderId(), trade.quantity(), BigDecimal::add);
        }
        for (StoredLedger.Order order : stored.orders()) {
            String what = "order " + order.orderId() + " (" + order.side() + " " + order.quantity().toPlainString()
                    + " " + order.symbol() + ")";
            BigDecimal fromFills = filledByOrder.getOrDefault(order.orderId(), BigDecimal.ZERO);
            if (order.filledQuantity().compareTo(fromFills) != 0) {
                problems.accept(what + " has filled_quantity " + order.filledQuantity().toPlainString()
                        + " but its stored fills add up to " + fromFills.toPlainString());
            }
            ExchangeApi.Order theirs = theirsByOurs.get(order.orderId());
            if (theirs == null) {
                // The exchange never accepted it (a submission lost in a kill, or refused): nothing may be open
                // or filled.
                if (StoredLedger.INTERMEDIATE.contains(order.status())) {
                    problems.accept(what + " is " + order.status() + " but the exchange has no such order");
                }
                if (order.filledQuantity().signum() != 0) {
                    problems.accept(what + " has " + order.filledQuantity().toPlainString()
                            + " filled but the exchange has no such order");
                }
                continue;
            }
            if (order.brokerOrderId() != null && !order.brokerOrderId().equals(theirs.id())) {
                problems.accept(what + " records broker order id " + order.brokerOrderId() + " but the exchange's order"
                        + " with its client order id is " + theirs.id());
            }
            if (!theirs.isClosed()) {
                problems.accept(what + ": the exchange still has it " + theirs.status()
                        + " after every open order was cancelled");
            } else {
                String expected = CLOSED_STATUS.get(theirs.status());
                if (StoredLedger.INTERMEDIATE.contains(order.status())) {
                    problems.accept(what + " is left " + order.status() + " but the exchange says " + theirs.status());
                } else if (expected != null && !expected.equals(order.status())) {
                    problems.accept(what + " is " + order.status() + " but the exchange says " + theirs.status());
                }
            }
            if (order.filledQuantity().compareTo(theirs.filledQuantity()) != 0) {
                problems.accept(what + " has filled " + order.filledQuantity().toPlainString() + " but the exchange "
                        + theirs.filledQuantity().toPlainString());
            }
        }
    }

    private static String normalSide(String exchangeSide) {
        return "sell_short".equals(exchangeSide) ? "sell" : exchangeSide;
    }
}
