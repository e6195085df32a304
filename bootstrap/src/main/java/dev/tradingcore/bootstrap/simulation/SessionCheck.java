package dev.tradingcore.bootstrap.simulation;

import dev.tradingcore.adapters.broker.simulated.SimFill;
import dev.tradingcore.adapters.broker.simulated.SimOrder;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Trade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A quiet session checked against the broker's truth, the exchange's own books, never against the core's bookkeeping:
 * <ol>
 *   <li>every execution of our orders is booked exactly once, with the broker's quantity and price, and nothing else
 *       is booked;</li>
 *   <li>every position equals the broker's;</li>
 *   <li>average price and realized P&amp;L equal the broker's executions of our orders applied in execution-time
 *       order, executions of the same instant in trade id order (symbols with foreign activity excepted: their
 *       positions hold what others traded). Not the exchange's own average: it applies same-instant executions in
 *       its arrival order and rounds the average at every step, which no client can reproduce;</li>
 *   <li>no order is closed in our books while the broker worked it, none open that the broker finished, and each
 *       filled quantity is the broker's;</li>
 *   <li>reconciliation corrected no position of ours (a correction means the books differed: a finding, unless the
 *       symbol had foreign activity);</li>
 *   <li>the audit trail tells the same story as the tables: a line for every execution booked, and the last line of
 *       each order carries its stored status.</li>
 * </ol>
 */
final class SessionCheck {

    private static final int MAX_REPORTED = 12;

    private final SimulatedExchange exchange;
    private final SimulationStore.Contents stored;
    private final List<Alert> alerts;
    private final Symbol foreignSymbol;
    private final String foreignPrefix;
    private final List<String> violations = new ArrayList<>();

    SessionCheck(SimulatedExchange exchange, SimulationStore.Contents stored, io.vavr.collection.List<Alert> alerts,
            Symbol foreignSymbol, String foreignPrefix) {
        this.exchange = exchange;
        this.stored = stored;
        this.alerts = alerts.toJavaList();
        this.foreignSymbol = foreignSymbol;
        this.foreignPrefix = foreignPrefix;
    }

    List<String> violations() {
        Map<String, SimOrder> brokerOrders = new HashMap<>();
        exchange.orders().forEach(o -> brokerOrders.put(o.clientOrderId(), o));
        List<SimFill> ourFills = exchange.fills().filter(f -> !f.clientOrderId().startsWith(foreignPrefix))
                .toJavaList();
        fillsBookedOnce(ourFills);
        positionsEqualTheBrokers();
        averageAndRealizedInExecutionOrder(ourFills);
        ordersAgree(brokerOrders);
        noCorrections();
        auditTellsTheSameStory();
        return violations;
    }

    private void violation(String text) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(text);
        } else if (violations.size() == MAX_REPORTED) {
            violations.add("... and more");
        }
    }

    private void fillsBookedOnce(List<SimFill> ourFills) {
        Map<String, List<Trade>> booked = new HashMap<>();
        stored.trades().forEach(t -> booked.computeIfAbsent(t.tradeId().value(), id -> new ArrayList<>()).add(t));
        java.util.Set<String> executions = new java.util.HashSet<>();
        for (SimFill fill : ourFills) {
            executions.add(fill.executionId());
            List<Trade> trades = booked.getOrDefault(fill.executionId(), List.of());
            if (trades.isEmpty()) {
                violation("execution " + fill.executionId() + " of order " + fill.clientOrderId() + " ("
                        + fill.side().code() + " " + plain(fill.quantity()) + " " + fill.symbol() + " @ "
                        + plain(fill.price()) + ", executed " + fill.executedAt() + ") was never booked");
                continue;
            }
            if (trades.size() > 1) {
                violation("execution " + fill.executionId() + " was booked " + trades.size() + " times");
            }
            Trade trade = trades.get(0);
            if (!trade.orderId().value().equals(fill.clientOrderId())
                    || trade.quantity().value().compareTo(fill.quantity()) != 0
                    || trade.price().value().compareTo(fill.price()) != 0 || trade.side() != fill.side()
                    || !trade.symbol().equals(fill.symbol())) {
                violation("execution " + fill.executionId() + " was booked as " + trade + " but the broker has "
                        + fill.side().code() + " " + plain(fill.quantity()) + " " + fill.symbol() + " @ "
                        + plain(fill.price()) + " for order " + fill.clientOrderId());
            }
        }
        booked.keySet().stream().filter(id -> !executions.contains(id)).sorted()
                .forEach(id -> violation("trade " + id + " was booked but the broker has no such execution of ours"));
    }

    private void positionsEqualTheBrokers() {
        Map<Symbol, BigDecimal> ours = new TreeMap<>();
        stored.positions().forEach(p -> ours.put(p.symbol(), p.quantity()));
        Map<Symbol, BigDecimal> theirs = new TreeMap<>();
        exchange.positions().forEach(p -> theirs.put(p.symbol(), p.quantity()));
        TreeSet<Symbol> symbols = new TreeSet<>(ours.keySet());
        symbols.addAll(theirs.keySet());
        for (Symbol symbol : symbols) {
            BigDecimal our = ours.getOrDefault(symbol, BigDecimal.ZERO);
            BigDecimal their = theirs.getOrDefault(symbol, BigDecimal.ZERO);
            if (our.compareTo(their) != 0) {
                violation("position " + symbol + " is " + plain(our) + " in our books, " + plain(their)
                        + " at the broker");
            }
        }
    }

    private void averageAndRealizedInExecutionOrder(List<SimFill> ourFills) {
        Map<Symbol, Position> expected = new TreeMap<>();
        ourFills.stream().sorted(Comparator.comparing(SimFill::executedAt).thenComparing(SimFill::executionId))
                .forEach(fill -> {
                    Position before = expected.getOrDefault(fill.symbol(), Position.flat(fill.symbol(),
                            fill.executedAt()));
                    Trade trade = SimulatedBroker.toBrokerFill(fill).toTrade(OrderId.of(fill.clientOrderId()));
                    expected.put(fill.symbol(), before.apply(trade, fill.executedAt()).get());
                });
        for (Position position : stored.positions()) {
            if (position.symbol().equals(foreignSymbol)) {
                continue;
            }
            Position want = expected.getOrDefault(position.symbol(), Position.flat(position.symbol(),
                    position.lastUpdated()));
            String average = position.averagePrice().map(Price::toString).getOrElse("none");
            String wantAverage = want.averagePrice().map(Price::toString).getOrElse("none");
            if (!average.equals(wantAverage)) {
                violation("average price of " + position.symbol() + " is " + average + ", the broker's executions "
                        + "in execution order give " + wantAverage);
            }
            if (scaled(position.realizedPnl()).compareTo(scaled(want.realizedPnl())) != 0) {
                violation("realized P&L of " + position.symbol() + " is " + plain(position.realizedPnl())
                        + ", the broker's executions in execution order give " + plain(want.realizedPnl()));
            }
        }
    }

    private void ordersAgree(Map<String, SimOrder> brokerOrders) {
        for (Order order : stored.orders()) {
            SimOrder broker = brokerOrders.get(order.clientOrderId().value());
            if (broker == null) {
                if (!(order.status() == OrderStatus.REJECTED || order.status() == OrderStatus.CANCELLED)
                        || order.filledQuantity().isPositive()) {
                    violation("order " + order.orderId() + " is " + order.status().code() + " with "
                            + order.filledQuantity() + " filled in our books, but the broker never had it");
                }
                continue;
            }
            OrderStatus theirs = broker.status().toOrderStatus();
            if (order.status() != theirs) {
                violation("order " + order.orderId() + " is " + order.status().code() + " in our books, "
                        + broker.status().alpacaCode() + " at the broker (" + plain(broker.filledQuantity()) + " of "
                        + plain(broker.quantity()) + " filled)" + (order.brokerOrderId().isEmpty()
                                ? "; we never recorded its broker id" : ""));
            }
            if (order.filledQuantity().value().compareTo(broker.filledQuantity()) != 0) {
                violation("order " + order.orderId() + " has " + order.filledQuantity() + " filled in our books, "
                        + plain(broker.filledQuantity()) + " at the broker");
            }
            if (order.brokerOrderId().exists(id -> !id.value().equals(broker.id()))) {
                violation("order " + order.orderId() + " carries broker id " + order.brokerOrderId().get()
                        + ", the broker's is " + broker.id());
            }
        }
    }

    private void noCorrections() {
        for (AuditEvent event : stored.audit()) {
            if ("position_corrected".equals(event.action())) {
                String symbol = event.details().get("symbol").getOrElse("?");
                if (!symbol.equals(foreignSymbol.value())) {
                    violation("reconciliation corrected position " + symbol + ": ours "
                            + event.details().get("our_quantity").getOrElse("?") + ", broker "
                            + event.details().get("broker_quantity").getOrElse("?") + " (" + event.details()
                                    .get("description").getOrElse("") + ")");
                }
            }
        }
    }

    private void auditTellsTheSameStory() {
        java.util.Set<String> auditedTrades = new java.util.HashSet<>();
        Map<String, String> lastStatus = new HashMap<>();
        for (AuditEvent event : stored.audit()) {
            event.details().get("trade_id").forEach(auditedTrades::add);
            io.vavr.control.Option<String> order = event.details().get("order_id");
            io.vavr.control.Option<String> status = event.details().get("order_status")
                    .orElse(() -> event.details().get("status"));
            if (order.isDefined() && status.isDefined()) {
                lastStatus.put(order.get(), status.get());
            }
        }
        for (Trade trade : stored.trades()) {
            if (!auditedTrades.contains(trade.tradeId().value())) {
                violation("trade " + trade.tradeId() + " of order " + trade.orderId() + " has no audit line");
            }
        }
        for (Order order : stored.orders()) {
            String audited = lastStatus.get(order.orderId().value());
            if (audited == null) {
                violation("order " + order.orderId() + " has no audit line with its status");
            } else if (!audited.equals(order.status().code())) {
                violation("order " + order.orderId() + " is " + order.status().code() + " but its last audit line "
                        + "says " + audited);
            }
        }
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(8, RoundingMode.HALF_EVEN);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** For the report: how many executions of ours were checked. */
    static int fillsOf(SimulatedExchange exchange, String foreignPrefix) {
        return exchange.fills().count(f -> !f.clientOrderId().startsWith(foreignPrefix));
    }
}
