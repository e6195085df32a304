package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.trade.Liquidity;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The simulated exchange: instruments with prices, an account with cash, positions, and orders matched at every
 * price step. Prices are a function of the seed: the same seed and the same sequence of requests and steps give the
 * same prices and fills (times come from the injected clock); ids come from its {@link ExchangeIds}, seeded (the same
 * ids too, for the simulator) or random (for an exchange that outlives a process). Thread-safe: every request holds
 * the exchange's lock.
 *
 * <p>Durable when a journal is attached ({@link DurableState}): every request or step that changes an order, a fill, a
 * position or cash hands the change to the journal before it returns and before the lock is released, so no caller
 * and no reader ever sees a change the journal does not hold. When the journal cannot take a change, the exchange
 * stops: every later call fails with {@link ExchangeStopped} (its memory holds a change the disk does not), until a
 * restart replays the journal.
 *
 * <p>Matching, at each {@link #step()} (and at submission when {@code matchOnSubmit}), orders in arrival order, at
 * the symbol's current price:
 * <ul>
 *   <li>market: fills at the current price;</li>
 *   <li>limit: fills at the current price when it is at or better than the limit (buy: price &le; limit; sell:
 *       price &ge; limit); a fill on the order's first opportunity takes liquidity, a later one adds it;</li>
 *   <li>stop: triggers when the price trades through the stop (buy: price &ge; stop; sell: price &le; stop), then
 *       fills as a market order in the same step; stop-limit: triggers the same way, then matches as a limit;</li>
 *   <li>with {@code maxFillPerStep}, at most that quantity fills per step: a larger order fills partially over
 *       several steps;</li>
 *   <li>time in force: gtc stays until filled or cancelled; day expires at the first step whose New York date is
 *       after the order's (the market is always open: no sessions); ioc fills what it can at its first opportunity
 *       and the rest is cancelled; fok fills entirely at its first opportunity or is cancelled; opg and cls are
 *       treated as an auction at the next opportunity: like ioc, market or limit only.</li>
 * </ul>
 *
 * <p>Refused at submission, with Alpaca's status and message: an invalid order (quantity not above zero, a missing
 * or unexpected limit or stop price, a price off the 0.01 tick, a time in force the type does not allow, a client
 * order id longer than 48 characters), an unknown symbol (422), a client order id already used (422 "client_order_id
 * must be unique"), and an order whose cost exceeds the buying power (403). Shorts are allowed: the part of a sell
 * beyond the long position (less other open sells) needs buying power as a buy would.
 */
public final class SimulatedExchange {

    /** The price increment of every instrument. */
    public static final BigDecimal TICK = new BigDecimal("0.01");
    private static final int MAX_CLIENT_ORDER_ID = 48;
    private static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");
    private static final DateTimeFormatter ACTIVITY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final SimulationConfig config;
    private final Clock clock;
    private final ExchangeIds ids;
    private final PriceFeed feed;
    private final Map<Symbol, BigDecimal> prices = new LinkedHashMap<>();
    private final Map<String, SimOrder> orders = new LinkedHashMap<>();
    /** The open ones among {@link #orders}, in arrival order: matching and buying power look only at these. */
    private final Map<String, SimOrder> open = new LinkedHashMap<>();
    private final Map<String, String> orderIdByClientOrderId = new HashMap<>();
    private final java.util.List<SimFill> fills = new ArrayList<>();
    private final Map<Symbol, SimPosition> positions = new TreeMap<>();
    private BigDecimal cash;
    private long step;
    private long orderCounter;
    private long fillCounter;
    private long clientOrderIdCounter;
    private long version;
    /** The sequence number of the last change the journal holds (or the saved state covered). */
    private long journalSequence;
    /** Where changes go before a call returns; null: in memory only. */
    private Consumer<SimulationChange> journal;
    /** Why the exchange stopped: the journal refused a change. */
    private RuntimeException stopped;
    /** What the call under way changed, collected only while a journal is attached. */
    private final Map<String, SimOrder> changedOrders = new LinkedHashMap<>();
    private final java.util.List<SimFill> newFills = new ArrayList<>();
    private final Set<Symbol> changedPositions = new LinkedHashSet<>();

    /** Which account this simulation is: a new one for each new simulation, kept in its saved state. */
    private final String accountId;

    private SimulatedExchange(SimulationConfig config, Clock clock, ExchangeIds ids, String accountId) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.accountId = accountId;
        this.feed = config.bars().<PriceFeed>map(BarReplay::load)
                .getOrElse(() -> new RandomWalk(config.seed(), config.instruments(), config.volatilityBasisPoints()));
        feed.instruments().forEach(instrument -> prices.put(instrument.symbol(), instrument.startPrice().value()
                .setScale(2, RoundingMode.UNNECESSARY)));
        this.cash = config.startingCash();
    }

    /** A new simulation at step 0 with random ids, unique across processes (see {@link ExchangeIds#random()}). */
    public static SimulatedExchange start(SimulationConfig config, Clock clock) {
        return start(config, clock, ExchangeIds.random());
    }

    /**
     * A new simulation at step 0 with ids from {@code ids}: {@link ExchangeIds#seeded(long)} makes a whole session
     * reproducible from its seeds (the simulator), for an exchange that lives in one process only.
     */
    public static SimulatedExchange start(SimulationConfig config, Clock clock, ExchangeIds ids) {
        if (ids == null) {
            throw new IllegalArgumentException("a simulation needs an id source: ExchangeIds.random() or seeded(n)");
        }
        // The account comes from the same source as the ids: random for an exchange that outlives a session (two
        // simulations of one seed are two accounts, and a ledger bound to one must not take the other for it), from
        // the seed for the simulator. Nothing the simulation decides depends on it.
        return new SimulatedExchange(config, clock, ids, ids.next("account", 0));
    }

    /**
     * A simulation that continues from a saved state, with random ids (an id it hands out never repeats one it handed
     * out before the state was saved, or after, in a process that ended without saving); refused when the state was
     * written for another seed.
     */
    public static SimulatedExchange restore(SimulationConfig config, Clock clock, SimulationState state) {
        if (state.format() < 1 || state.format() > SimulationState.FORMAT) {
            throw new IllegalArgumentException("the saved simulation has format " + state.format() + ", this version "
                    + "reads formats 1 to " + SimulationState.FORMAT);
        }
        if (state.seed() != config.seed()) {
            throw new IllegalArgumentException("the saved simulation was started with seed " + state.seed()
                    + ", not " + config.seed() + ": start with --seed " + state.seed() + " or another state file");
        }
        SimulatedExchange exchange = new SimulatedExchange(config, clock, ExchangeIds.random(), state.accountId() != null
                ? state.accountId() : DeterministicIds.uuid(config.seed(), "account", 0));
        exchange.journalSequence = state.journalSequence();
        exchange.step = state.step();
        exchange.orderCounter = state.orderCounter();
        exchange.fillCounter = state.fillCounter();
        exchange.clientOrderIdCounter = state.clientOrderIdCounter();
        exchange.cash = state.cash();
        state.prices().forEach(entry -> exchange.prices.put(entry.symbol(), entry.price()));
        state.orders().forEach(order -> {
            exchange.put(order);
            exchange.orderIdByClientOrderId.put(order.clientOrderId(), order.id());
        });
        exchange.fills.addAll(state.fills());
        state.positions().forEach(position -> exchange.positions.put(position.symbol(), position));
        return exchange;
    }

    public SimulationConfig config() {
        return config;
    }

    /** The account this simulation is (the same across saves and restores, another one for a new simulation). */
    public String accountId() {
        return accountId;
    }

    /** The simulation's time, to the microsecond as Alpaca's timestamps (and PostgreSQL's) are. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void put(SimOrder order) {
        SimOrder before = orders.put(order.id(), order);
        if (order.status().isOpen()) {
            open.put(order.id(), order);
        } else {
            open.remove(order.id());
        }
        if (journal != null && !order.equals(before)) {
            changedOrders.put(order.id(), order);
        }
    }

    /** Refuses every call once the journal has refused a change. */
    private void ensureRunning() {
        if (stopped != null) {
            throw new ExchangeStopped(stopped);
        }
    }

    /**
     * Hands what the call under way changed to the journal, if anything; before the call returns and with the lock
     * held. A journal that throws stops the exchange.
     */
    private void commit() {
        if (journal == null || changedOrders.isEmpty() && newFills.isEmpty()) {
            return;
        }
        SimulationChange change = new SimulationChange(journalSequence + 1, step, orderCounter, fillCounter,
                clientOrderIdCounter, cash, priceEntries(), java.util.List.copyOf(changedOrders.values()),
                java.util.List.copyOf(newFills), changedPositions.stream().map(positions::get).toList());
        changedOrders.clear();
        newFills.clear();
        changedPositions.clear();
        try {
            journal.accept(change);
        } catch (RuntimeException | Error e) {
            stopped = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            throw new ExchangeStopped(stopped);
        }
        journalSequence = change.sequence();
    }

    private java.util.List<SimulationState.PriceEntry> priceEntries() {
        return prices.entrySet().stream().map(e -> new SimulationState.PriceEntry(e.getKey(), e.getValue())).toList();
    }

    /**
     * From now on, every change goes to {@code sink} before the call that made it returns. Attach it before the
     * exchange serves anyone.
     */
    synchronized void attach(Consumer<SimulationChange> sink) {
        ensureRunning();
        this.journal = sink;
    }

    /** The sequence number of the last change journaled (or covered by the state it was restored from). */
    synchronized long journalSequence() {
        return journalSequence;
    }

    /**
     * Applies a journaled change (at start, before anyone is served): the orders, fills and positions it touched and
     * the counters, cash and prices after it. Refused when it does not follow the last one applied.
     */
    synchronized void replay(SimulationChange change) {
        if (change.sequence() != journalSequence + 1) {
            throw new IllegalStateException("journal record " + change.sequence() + " does not follow record "
                    + journalSequence + ": a record is missing");
        }
        step = change.step();
        orderCounter = change.orderCounter();
        fillCounter = change.fillCounter();
        clientOrderIdCounter = change.clientOrderIdCounter();
        cash = change.cash();
        change.prices().forEach(entry -> prices.put(entry.symbol(), entry.price()));
        change.orders().forEach(order -> {
            put(order);
            orderIdByClientOrderId.put(order.clientOrderId(), order.id());
        });
        fills.addAll(change.fills());
        change.positions().forEach(position -> positions.put(position.symbol(), position));
        journalSequence = change.sequence();
        version++;
    }

    /** Whether a price is a whole number of ticks. */
    public static boolean onTick(BigDecimal price) {
        return price.remainder(TICK).signum() == 0;
    }

    // ---------------------------------------------------------------------------------------------------- requests

    /** Places an order, or refuses it with Alpaca's status, code and message. */
    public synchronized Either<Refusal, SimOrder> submit(NewOrder request) {
        ensureRunning();
        Either<Refusal, Symbol> valid = validate(request);
        if (valid.isLeft()) {
            return Either.left(valid.getLeft());
        }
        Symbol symbol = valid.get();
        String clientOrderId = request.clientOrderId()
                .getOrElse(() -> ids.next("client-order", ++clientOrderIdCounter));
        if (orderIdByClientOrderId.containsKey(clientOrderId)) {
            return Either.left(Refusal.invalid("client_order_id must be unique"));
        }
        BigDecimal current = prices.get(symbol);
        BigDecimal reservePrice = switch (request.type()) {
            case LIMIT, STOP_LIMIT -> request.limitPrice().get();
            case STOP -> request.stopPrice().get().max(current);
            case MARKET -> current;
        };
        BigDecimal shortQuantity = BigDecimal.ZERO;
        if (request.side() == Side.SELL) {
            BigDecimal sellable = position(symbol).quantity().subtract(openSellQuantity(symbol)).max(BigDecimal.ZERO);
            shortQuantity = request.quantity().subtract(sellable).max(BigDecimal.ZERO);
        }
        BigDecimal needed = (request.side() == Side.BUY ? request.quantity() : shortQuantity).multiply(reservePrice);
        BigDecimal buyingPower = buyingPower();
        if (needed.compareTo(buyingPower) > 0) {
            return Either.left(Refusal.forbidden("insufficient buying power: the order needs "
                    + money(needed) + ", available " + money(buyingPower)));
        }
        Instant now = now();
        long sequence = ++orderCounter;
        SimOrder order = new SimOrder(ids.next("order", sequence), clientOrderId, symbol,
                request.side(), request.quantity(), request.type(), request.timeInForce(),
                request.limitPrice().getOrNull(), request.stopPrice().getOrNull(), SimOrderStatus.NEW,
                BigDecimal.ZERO, BigDecimal.ZERO, false, false, reservePrice, shortQuantity, sequence, now, now, null,
                null, null);
        put(order);
        orderIdByClientOrderId.put(clientOrderId, order.id());
        version++;
        if (config.matchOnSubmit()) {
            match(order, now);
        }
        commit();
        return Either.right(orders.get(order.id()));
    }

    private Either<Refusal, Symbol> validate(NewOrder request) {
        if (request.clientOrderId().exists(id -> id.isBlank() || id.length() > MAX_CLIENT_ORDER_ID)) {
            return Either.left(Refusal.invalid("client_order_id must be 1 to " + MAX_CLIENT_ORDER_ID
                    + " characters"));
        }
        if (request.quantity().signum() <= 0) {
            return Either.left(Refusal.invalid("qty must be > 0, got " + request.quantity().toPlainString()));
        }
        if (!Decimals.fits(request.quantity(), Decimals.QUANTITY_SCALE)) {
            return Either.left(Refusal.invalid("qty " + request.quantity().toPlainString() + " has more than "
                    + Decimals.QUANTITY_SCALE + " decimal places"));
        }
        OrderType type = request.type();
        if (type.needsLimitPrice() && request.limitPrice().isEmpty()) {
            return Either.left(Refusal.invalid("limit_price is required for a " + type.code() + " order"));
        }
        if (!type.needsLimitPrice() && request.limitPrice().isDefined()) {
            return Either.left(Refusal.invalid("limit_price is not allowed for a " + type.code() + " order"));
        }
        if (type.needsStopPrice() && request.stopPrice().isEmpty()) {
            return Either.left(Refusal.invalid("stop_price is required for a " + type.code() + " order"));
        }
        if (!type.needsStopPrice() && request.stopPrice().isDefined()) {
            return Either.left(Refusal.invalid("stop_price is not allowed for a " + type.code() + " order"));
        }
        for (BigDecimal price : request.limitPrice().toList().appendAll(request.stopPrice())) {
            if (price.signum() <= 0) {
                return Either.left(Refusal.invalid("prices must be > 0, got " + price.toPlainString()));
            }
            if (!onTick(price)) {
                return Either.left(Refusal.invalid("sub-penny increment does not fulfill minimum pricing criteria: "
                        + price.toPlainString()));
            }
        }
        if (!request.timeInForce().allows(type)) {
            return Either.left(Refusal.invalid("time_in_force " + request.timeInForce().code()
                    + " is only allowed for market and limit orders"));
        }
        Option<Symbol> symbol = Option.of(request.symbol()).filter(s -> prices.keySet().stream()
                .anyMatch(known -> known.value().equals(s))).map(Symbol::of);
        if (symbol.isEmpty()) {
            return Either.left(Refusal.invalid("asset \"" + printable(request.symbol()) + "\" not found"));
        }
        return Either.right(symbol.get());
    }

    /** Cancels an open order at once; 404 for an unknown id, 422 when it is no longer open. */
    public synchronized Either<Refusal, SimOrder> cancel(String orderId) {
        ensureRunning();
        SimOrder order = orders.get(orderId);
        if (order == null) {
            return Either.left(Refusal.notFound("order not found"));
        }
        if (!order.status().isOpen()) {
            return Either.left(Refusal.notCancelable("order is not cancelable: it is " + order.status().alpacaCode()));
        }
        SimOrder canceled = order.canceled(now());
        put(canceled);
        version++;
        commit();
        return Either.right(canceled);
    }

    public synchronized Option<SimOrder> order(String orderId) {
        ensureRunning();
        return Option.of(orders.get(orderId));
    }

    public synchronized Option<SimOrder> orderByClientOrderId(String clientOrderId) {
        ensureRunning();
        return Option.of(orderIdByClientOrderId.get(clientOrderId)).map(orders::get);
    }

    /** Every order, in arrival order. */
    public synchronized List<SimOrder> orders() {
        ensureRunning();
        return List.ofAll(orders.values());
    }

    /** The orders still working, in arrival order. */
    public synchronized List<SimOrder> openOrders() {
        ensureRunning();
        return List.ofAll(open.values());
    }

    /** Every position that is not flat, by symbol. */
    public synchronized List<SimPosition> positions() {
        ensureRunning();
        return List.ofAll(positions.values()).filter(position -> !position.isFlat());
    }

    /** Every fill, oldest first. */
    public synchronized List<SimFill> fills() {
        ensureRunning();
        return List.ofAll(fills);
    }

    /** The symbols and their current prices. */
    public synchronized io.vavr.collection.LinkedHashMap<Symbol, BigDecimal> prices() {
        ensureRunning();
        return io.vavr.collection.LinkedHashMap.ofAll(prices);
    }

    public synchronized Option<BigDecimal> price(Symbol symbol) {
        ensureRunning();
        return Option.of(prices.get(symbol));
    }

    /** The exchange's time: its clock's. */
    public Instant time() {
        return clock.instant();
    }

    /** The number of steps taken. */
    public synchronized long steps() {
        return step;
    }

    /** A number that changes whenever the state does: compare it to know whether to save. */
    public synchronized long version() {
        return version;
    }

    public synchronized SimAccount account() {
        ensureRunning();
        BigDecimal longValue = BigDecimal.ZERO;
        BigDecimal shortValue = BigDecimal.ZERO;
        for (SimPosition position : positions.values()) {
            BigDecimal value = position.quantity().multiply(prices.get(position.symbol()));
            if (value.signum() > 0) {
                longValue = longValue.add(value);
            } else {
                shortValue = shortValue.add(value);
            }
        }
        return new SimAccount(cash, buyingPower(), longValue, shortValue, cash.add(longValue).add(shortValue));
    }

    /** The state to save, to continue later with {@link #restore}. */
    public synchronized SimulationState snapshot() {
        ensureRunning();
        return new SimulationState(SimulationState.FORMAT, config.seed(), step, orderCounter, fillCounter,
                clientOrderIdCounter, cash, priceEntries(), java.util.List.copyOf(orders.values()),
                java.util.List.copyOf(fills), java.util.List.copyOf(positions.values()), journalSequence, accountId);
    }

    // ---------------------------------------------------------------------------------------------------- matching

    /**
     * Moves prices one step and matches every open order against them.
     *
     * @return the fills of this step, oldest first
     */
    public synchronized List<SimFill> step() {
        ensureRunning();
        step++;
        feed.advance(step, prices);
        Instant now = now();
        int before = fills.size();
        for (SimOrder order : java.util.List.copyOf(open.values())) {
            SimOrder current = orders.get(order.id());
            if (current.timeInForce() == TimeInForce.DAY && now.atZone(MARKET_ZONE).toLocalDate()
                    .isAfter(current.createdAt().atZone(MARKET_ZONE).toLocalDate())) {
                put(current.expired(now));
                continue;
            }
            match(current, now);
        }
        version++;
        commit();
        return List.ofAll(fills.subList(before, fills.size()));
    }

    private void match(SimOrder arrived, Instant now) {
        SimOrder order = arrived;
        BigDecimal price = prices.get(order.symbol());
        boolean buy = order.side() == Side.BUY;
        if ((order.type() == OrderType.STOP || order.type() == OrderType.STOP_LIMIT) && !order.triggered()) {
            boolean triggers = buy ? price.compareTo(order.stopPrice()) >= 0 : price.compareTo(order.stopPrice()) <= 0;
            if (triggers) {
                order = order.withTriggered(now);
                put(order);
            }
        }
        boolean immediate = switch (order.timeInForce()) {
            case IOC, FOK, OPG, CLS -> true;
            case DAY, GTC -> false;
        };
        boolean executable = switch (order.type()) {
            case MARKET -> true;
            case STOP -> order.triggered();
            case LIMIT -> crosses(order, price);
            case STOP_LIMIT -> order.triggered() && crosses(order, price);
        };
        if (!executable) {
            put(immediate ? order.canceled(now) : order.withRested());
            return;
        }
        BigDecimal remaining = order.remaining();
        BigDecimal slice = config.maxFillPerStep().map(max -> remaining.min(max.value())).getOrElse(remaining);
        if (order.timeInForce() == TimeInForce.FOK && slice.compareTo(order.remaining()) < 0) {
            put(order.canceled(now));
            return;
        }
        boolean maker = order.rested() && (order.type() == OrderType.LIMIT || order.type() == OrderType.STOP_LIMIT);
        SimOrder filled = fill(order, slice, price, maker ? Liquidity.MAKER : Liquidity.TAKER, now).withRested();
        if (immediate && filled.status().isOpen()) {
            filled = filled.canceled(now);
        }
        put(filled);
    }

    private static boolean crosses(SimOrder order, BigDecimal price) {
        int comparison = price.compareTo(order.limitPrice());
        return order.side() == Side.BUY ? comparison <= 0 : comparison >= 0;
    }

    private SimOrder fill(SimOrder order, BigDecimal quantity, BigDecimal price, Liquidity liquidity, Instant now) {
        SimOrder after = order.filled(quantity, price, now);
        BigDecimal commission = config.commissionPerShare().multiply(quantity).setScale(2, RoundingMode.HALF_UP);
        BigDecimal notional = quantity.multiply(price);
        cash = order.side() == Side.BUY ? cash.subtract(notional).subtract(commission)
                : cash.add(notional).subtract(commission);
        positions.put(order.symbol(), moved(position(order.symbol()), order.side(), quantity, price));
        long sequence = ++fillCounter;
        String executionId = ids.next("fill", sequence);
        SimFill fill = new SimFill(executionId, ACTIVITY_TIME.format(now) + "::" + executionId, sequence, order.id(),
                order.clientOrderId(), order.symbol(), order.side(), quantity, price, commission, liquidity, now,
                after.filledQuantity(), after.remaining(), after.status());
        fills.add(fill);
        if (journal != null) {
            newFills.add(fill);
            changedPositions.add(order.symbol());
        }
        return after;
    }

    /** The position after a fill: the average moves on additions, stays on reductions, restarts on a flip. */
    private static SimPosition moved(SimPosition position, Side side, BigDecimal quantity, BigDecimal price) {
        BigDecimal signed = side == Side.BUY ? quantity : quantity.negate();
        BigDecimal before = position.quantity();
        BigDecimal after = before.add(signed);
        BigDecimal average;
        if (after.signum() == 0) {
            average = BigDecimal.ZERO;
        } else if (before.signum() == 0 || before.signum() != after.signum()) {
            average = price;
        } else if (before.signum() == signed.signum()) {
            average = before.multiply(position.averageEntryPrice()).add(signed.multiply(price))
                    .divide(after, Decimals.PRICE_SCALE, RoundingMode.HALF_EVEN);
        } else {
            average = position.averageEntryPrice();
        }
        return new SimPosition(position.symbol(), after, average);
    }

    private SimPosition position(Symbol symbol) {
        return positions.getOrDefault(symbol, new SimPosition(symbol, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    private BigDecimal openSellQuantity(Symbol symbol) {
        return open.values().stream().filter(o -> o.side() == Side.SELL
                && o.symbol().equals(symbol)).map(SimOrder::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private BigDecimal buyingPower() {
        BigDecimal shortValue = positions.values().stream().filter(p -> p.quantity().signum() < 0)
                .map(p -> p.quantity().negate().multiply(prices.get(p.symbol()))).reduce(BigDecimal.ZERO,
                        BigDecimal::add);
        BigDecimal reserved = open.values().stream().map(o -> (o.side()
                == Side.BUY ? o.remaining() : o.shortQuantity().min(o.remaining())).multiply(o.reservePrice()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return cash.subtract(shortValue.multiply(BigDecimal.TWO)).subtract(reserved).max(BigDecimal.ZERO);
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** At most 30 characters of what a client sent, without control characters, to quote it in a message. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 30 ? clean.substring(0, 30) + "..." : clean;
    }
}
