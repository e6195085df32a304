package dev.tradingcore.crash;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The crash test's verdict on a quiet exchange and the database after recovery: every fill the exchange reported is
 * stored exactly once and as reported, nothing is stored that the exchange never reported, positions agree three ways
 * (ours, the exchange's, the sum of our fills), and no order of ours stays open, or differs in what filled, where the
 * exchange has closed it.
 *
 * @param fillsChecked the exchange's fill activities compared with the database
 * @param ordersChecked our orders compared with the exchange
 * @param discrepancies one line each; empty when everything agrees
 */
record LedgerCheck(int fillsChecked, int ordersChecked, List<String> discrepancies) {

    /** The exchange's closed statuses and ours for each. */
    private static final Map<String, String> CLOSED_STATUS = Map.of("filled", "filled", "canceled", "cancelled",
            "expired", "expired", "rejected", "rejected");

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
        List<String> problems = new ArrayList<>();
        Map<String, ExchangeApi.Order> theirsByOurs = matchOrders(exchangeOrders, stored, problems);
        checkFills(exchangeFills, exchangeOrders, theirsByOurs, stored, problems);
        checkPositions(exchangePositions, stored, problems);
        checkOrders(theirsByOurs, stored, problems);
        return new LedgerCheck(exchangeFills.size(), stored.orders().size(), List.copyOf(problems));
    }

    /**
     * The exchange's order for each of ours, by the client order id we gave it (ours equals our order id); an
     * exchange order that none of ours claims is a discrepancy: every order we send is recorded before it is sent.
     */
    private static Map<String, ExchangeApi.Order> matchOrders(List<ExchangeApi.Order> exchangeOrders,
            StoredLedger stored, List<String> problems) {
        Map<String, StoredLedger.Order> oursByClientOrderId = new HashMap<>();
        stored.orders().forEach(o -> oursByClientOrderId.put(o.exchangeClientOrderId(), o));
        Map<String, ExchangeApi.Order> theirsByOurs = new LinkedHashMap<>();
        for (ExchangeApi.Order theirs : exchangeOrders) {
            StoredLedger.Order ours = theirs.clientOrderId() == null ? null
                    : oursByClientOrderId.get(theirs.clientOrderId());
            if (ours == null) {
                problems.add("exchange order " + theirs.id() + " (client order id " + theirs.clientOrderId() + ", "
                        + theirs.side() + " " + theirs.quantity().toPlainString() + " " + theirs.symbol() + ", "
                        + theirs.status() + ", filled " + theirs.filledQuantity().toPlainString()
                        + ") is not in our orders");
            } else if (theirsByOurs.put(ours.orderId(), theirs) != null) {
                problems.add("the exchange has two orders with client order id " + theirs.clientOrderId());
            }
        }
        return theirsByOurs;
    }

    private static void checkFills(List<ExchangeApi.Fill> exchangeFills, List<ExchangeApi.Order> exchangeOrders,
            Map<String, ExchangeApi.Order> theirsByOurs, StoredLedger stored, List<String> problems) {
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
                problems.add("exchange reported trade id " + fill.tradeId() + " twice (activity " + fill.activityId()
                        + ")");
            }
            List<StoredLedger.Trade> copies = storedById.getOrDefault(fill.tradeId(), List.of());
            if (copies.isEmpty()) {
                String owner = Optional.ofNullable(ourOrderByExchangeId.get(fill.orderId()))
                        .map(id -> "our order " + id)
                        .or(() -> Optional.ofNullable(exchangeOrderById.get(fill.orderId()))
                                .map(o -> "an order with client order id " + o.clientOrderId() + ", unknown to us"))
                        .orElse("an order the exchange does not list");
                problems.add("fill " + fill.tradeId() + " (" + fill.side() + " " + fill.quantity().toPlainString()
                        + " " + fill.symbol() + " @ " + fill.price().toPlainString() + ", exchange order "
                        + fill.orderId() + ": " + owner + ") is not stored");
                continue;
            }
            if (copies.size() > 1) {
                problems.add("fill " + fill.tradeId() + " is stored " + copies.size() + " times");
            }
            StoredLedger.Trade trade = copies.get(0);
            if (trade.quantity().compareTo(fill.quantity()) != 0 || trade.price().compareTo(fill.price()) != 0
                    || !trade.symbol().equals(fill.symbol()) || !trade.side().equals(normalSide(fill.side()))) {
                problems.add("fill " + fill.tradeId() + " is stored as " + trade.side() + " "
                        + trade.quantity().toPlainString() + " " + trade.symbol() + " @ "
                        + trade.price().toPlainString() + " but the exchange reported " + fill.side() + " "
                        + fill.quantity().toPlainString() + " " + fill.symbol() + " @ " + fill.price().toPlainString());
            }
            String ourOrder = ourOrderByExchangeId.get(fill.orderId());
            if (ourOrder != null && !ourOrder.equals(trade.orderId())) {
                problems.add("fill " + fill.tradeId() + " is stored on our order " + trade.orderId()
                        + " but belongs to exchange order " + fill.orderId() + " = our order " + ourOrder);
            }
        }
        for (String tradeId : new TreeSet<>(storedById.keySet())) {
            if (!reported.containsKey(tradeId)) {
                StoredLedger.Trade trade = storedById.get(tradeId).get(0);
                problems.add("stored trade " + tradeId + " (" + trade.side() + " " + trade.quantity().toPlainString()
                        + " " + trade.symbol() + ", our order " + trade.orderId()
                        + ") was never reported by the exchange");
            }
        }
    }

    private static void checkPositions(Map<String, BigDecimal> exchangePositions, StoredLedger stored,
            List<String> problems) {
        Map<String, BigDecimal> sumOfFills = new TreeMap<>();
        for (StoredLedger.Trade trade : stored.trades()) {
            sumOfFills.merge(trade.symbol(), trade.signedQuantity(), BigDecimal::add);
        }
        Set<String> symbols = new TreeSet<>(exchangePositions.keySet());
        symbols.addAll(stored.positions().keySet());
        symbols.addAll(sumOfFills.keySet());
        for (String symbol : symbols) {
            BigDecimal exchange = exchangePositions.getOrDefault(symbol, BigDecimal.ZERO);
            BigDecimal ours = stored.positions().getOrDefault(symbol, BigDecimal.ZERO);
            BigDecimal fills = sumOfFills.getOrDefault(symbol, BigDecimal.ZERO);
            if (ours.compareTo(exchange) != 0 || fills.compareTo(exchange) != 0) {
                problems.add("position " + symbol + ": ours " + ours.stripTrailingZeros().toPlainString()
                        + ", exchange " + exchange.stripTrailingZeros().toPlainString() + ", sum of our stored fills "
                        + fills.stripTrailingZeros().toPlainString());
            }
        }
    }

    private static void checkOrders(Map<String, ExchangeApi.Order> theirsByOurs, StoredLedger stored,
            List<String> problems) {
        Map<String, BigDecimal> filledByOrder = new HashMap<>();
        for (StoredLedger.Trade trade : stored.trades()) {
            filledByOrder.merge(trade.orderId(), trade.quantity(), BigDecimal::add);
        }
        for (StoredLedger.Order order : stored.orders()) {
            String what = "order " + order.orderId() + " (" + order.side() + " " + order.quantity().toPlainString()
                    + " " + order.symbol() + ")";
            BigDecimal fromFills = filledByOrder.getOrDefault(order.orderId(), BigDecimal.ZERO);
            if (order.filledQuantity().compareTo(fromFills) != 0) {
                problems.add(what + " has filled_quantity " + order.filledQuantity().toPlainString()
                        + " but its stored fills add up to " + fromFills.toPlainString());
            }
            ExchangeApi.Order theirs = theirsByOurs.get(order.orderId());
            if (theirs == null) {
                // The exchange never accepted it (a submission lost in a kill, or refused): nothing may be open
                // or filled.
                if (StoredLedger.INTERMEDIATE.contains(order.status())) {
                    problems.add(what + " is " + order.status() + " but the exchange has no such order");
                }
                if (order.filledQuantity().signum() != 0) {
                    problems.add(what + " has " + order.filledQuantity().toPlainString()
                            + " filled but the exchange has no such order");
                }
                continue;
            }
            if (order.brokerOrderId() != null && !order.brokerOrderId().equals(theirs.id())) {
                problems.add(what + " records broker order id " + order.brokerOrderId() + " but the exchange's order"
                        + " with its client order id is " + theirs.id());
            }
            if (!theirs.isClosed()) {
                problems.add(what + ": the exchange still has it " + theirs.status()
                        + " after every open order was cancelled");
            } else {
                String expected = CLOSED_STATUS.get(theirs.status());
                if (StoredLedger.INTERMEDIATE.contains(order.status())) {
                    problems.add(what + " is left " + order.status() + " but the exchange says " + theirs.status());
                } else if (expected != null && !expected.equals(order.status())) {
                    problems.add(what + " is " + order.status() + " but the exchange says " + theirs.status());
                }
            }
            if (order.filledQuantity().compareTo(theirs.filledQuantity()) != 0) {
                problems.add(what + " has filled " + order.filledQuantity().toPlainString() + " but the exchange "
                        + theirs.filledQuantity().toPlainString());
            }
        }
    }

    private static String normalSide(String exchangeSide) {
        return "sell_short".equals(exchangeSide) ? "sell" : exchangeSide;
    }
}
