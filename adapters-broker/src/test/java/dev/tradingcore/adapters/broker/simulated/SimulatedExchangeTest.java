package dev.tradingcore.adapters.broker.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.trade.Liquidity;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation's matching rules, refusals, determinism and saved state. */
class SimulatedExchangeTest {

    @TempDir
    Path directory;

    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");

    /** An exchange whose AAPL price follows the given closes, one per step, starting at 100.00. */
    private SimulatedExchange replaying(String... closes) throws IOException {
        return replaying(SimulationConfig.defaults(7), closes);
    }

    private SimulatedExchange replaying(SimulationConfig config, String... closes) throws IOException {
        StringBuilder csv = new StringBuilder("symbol,timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < closes.length; i++) {
            csv.append("AAPL,2026-01-").append(String.format("%02d", i + 1)).append(",100.00,0,0,").append(closes[i])
                    .append(",1000\n");
        }
        Path file = directory.resolve("bars-" + closes.length + ".csv");
        Files.writeString(file, csv);
        return SimulatedExchange.start(config.withBars(file), clock);
    }

    private static NewOrder order(Side side, String quantity, OrderType type, TimeInForce tif, String limit,
            String stop) {
        return new NewOrder(Option.none(), "AAPL", side, new BigDecimal(quantity), type, tif,
                Option.of(limit).map(BigDecimal::new), Option.of(stop).map(BigDecimal::new));
    }

    private static NewOrder market(Side side, String quantity) {
        return order(side, quantity, OrderType.MARKET, TimeInForce.GTC, null, null);
    }

    @Test
    void aMarketOrderFillsAtTheNextStepsPrice() throws IOException {
        SimulatedExchange exchange = replaying("101.50");
        SimOrder order = exchange.submit(market(Side.BUY, "10")).get();
        assertThat(order.status()).isEqualTo(SimOrderStatus.NEW);

        List<SimFill> fills = exchange.step();

        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.price()).isEqualByComparingTo("101.50");
            assertThat(fill.quantity()).isEqualByComparingTo("10");
            assertThat(fill.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(fill.activityType()).isEqualTo("fill");
        });
        assertThat(exchange.order(order.id()).get().status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(exchange.positions()).singleElement().satisfies(p -> {
            assertThat(p.quantity()).isEqualByComparingTo("10");
            assertThat(p.averageEntryPrice()).isEqualByComparingTo("101.50");
        });
        assertThat(exchange.account().cash()).isEqualByComparingTo("998985.00");
    }

    @Test
    void aMarketOrderCanFillAtSubmissionWhenConfigured() throws IOException {
        SimulatedExchange exchange = replaying(SimulationConfig.defaults(7).withMatchOnSubmit(true), "101.00");

        SimOrder order = exchange.submit(market(Side.BUY, "1")).get();

        assertThat(order.status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(exchange.fills().single().price()).isEqualByComparingTo("100.00");
    }

    @Test
    void aLimitOrderFillsOnlyWhenThePriceCrossesAndThenAddsLiquidity() throws IOException {
        SimulatedExchange exchange = replaying("100.50", "99.80", "99.00");
        SimOrder buy = exchange.submit(order(Side.BUY, "5", OrderType.LIMIT, TimeInForce.GTC, "99.90", null)).get();

        assertThat(exchange.step()).isEmpty();
        List<SimFill> fills = exchange.step();

        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.price()).isEqualByComparingTo("99.80");
            assertThat(fill.liquidity()).isEqualTo(Liquidity.MAKER);
        });
        assertThat(exchange.order(buy.id()).get().status()).isEqualTo(SimOrderStatus.FILLED);
    }

    @Test
    void aMarketableLimitOrderTakesLiquidity() throws IOException {
        SimulatedExchange exchange = replaying("100.00");
        exchange.submit(order(Side.SELL, "5", OrderType.LIMIT, TimeInForce.GTC, "99.00", null)).get();

        assertThat(exchange.step().single().liquidity()).isEqualTo(Liquidity.TAKER);
    }

    @Test
    void aStopTriggersWhenThePriceTradesThroughAndThenFillsAsAMarketOrder() throws IOException {
        SimulatedExchange exchange = replaying("100.50", "101.20", "103.00");
        SimOrder stop = exchange.submit(order(Side.BUY, "2", OrderType.STOP, TimeInForce.GTC, null, "101.00")).get();

        assertThat(exchange.step()).isEmpty();
        assertThat(exchange.order(stop.id()).get().triggered()).isFalse();

        assertThat(exchange.step().single().price()).isEqualByComparingTo("101.20");
    }

    @Test
    void aStopLimitTriggersThenWaitsForItsLimit() throws IOException {
        SimulatedExchange exchange = replaying("98.00", "99.50", "98.90");
        SimOrder stopLimit = exchange.submit(order(Side.SELL, "2", OrderType.STOP_LIMIT, TimeInForce.GTC, "99.00",
                "98.50")).get();

        assertThat(exchange.step()).isEmpty();
        SimOrder triggered = exchange.order(stopLimit.id()).get();
        assertThat(triggered.triggered()).isTrue();
        assertThat(triggered.status()).isEqualTo(SimOrderStatus.NEW);

        assertThat(exchange.step().single().price()).isEqualByComparingTo("99.50");
        assertThat(exchange.step()).isEmpty();
    }

    @Test
    void aLargeOrderFillsPartiallyAcrossSteps() throws IOException {
        SimulatedExchange exchange = replaying(SimulationConfig.defaults(7).withMaxFillPerStep(Quantity.of(40)),
                "100.00", "100.10", "100.20");
        SimOrder order = exchange.submit(market(Side.BUY, "100")).get();

        exchange.step();
        assertThat(exchange.order(order.id()).get().status()).isEqualTo(SimOrderStatus.PARTIALLY_FILLED);
        exchange.step();
        exchange.step();

        List<SimFill> fills = exchange.fills();
        assertThat(fills.map(SimFill::quantity)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("40"), new BigDecimal("40"), new BigDecimal("20"));
        assertThat(fills.map(SimFill::activityType)).containsExactly("partial_fill", "partial_fill", "fill");
        SimOrder done = exchange.order(order.id()).get();
        assertThat(done.status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(done.filledAveragePrice().get()).isEqualByComparingTo("100.08");
    }

    @Test
    void iocFillsWhatItCanAndCancelsTheRest() throws IOException {
        SimulatedExchange exchange = replaying(SimulationConfig.defaults(7).withMaxFillPerStep(Quantity.of(40)),
                "100.00");
        SimOrder ioc = exchange.submit(order(Side.BUY, "100", OrderType.MARKET, TimeInForce.IOC, null, null)).get();

        exchange.step();

        SimOrder after = exchange.order(ioc.id()).get();
        assertThat(after.status()).isEqualTo(SimOrderStatus.CANCELED);
        assertThat(after.filledQuantity()).isEqualByComparingTo("40");
    }

    @Test
    void iocThatCannotTradeIsCancelledUnfilled() throws IOException {
        SimulatedExchange exchange = replaying("100.00");
        SimOrder ioc = exchange.submit(order(Side.BUY, "1", OrderType.LIMIT, TimeInForce.IOC, "90.00", null)).get();

        exchange.step();

        assertThat(exchange.order(ioc.id()).get().status()).isEqualTo(SimOrderStatus.CANCELED);
        assertThat(exchange.fills()).isEmpty();
    }

    @Test
    void fokFillsEntirelyOrNotAtAll() throws IOException {
        SimulatedExchange exchange = replaying(SimulationConfig.defaults(7).withMaxFillPerStep(Quantity.of(40)),
                "100.00");
        SimOrder tooBig = exchange.submit(order(Side.BUY, "100", OrderType.MARKET, TimeInForce.FOK, null, null))
                .get();
        SimOrder fits = exchange.submit(order(Side.BUY, "40", OrderType.MARKET, TimeInForce.FOK, null, null)).get();

        exchange.step();

        assertThat(exchange.order(tooBig.id()).get().status()).isEqualTo(SimOrderStatus.CANCELED);
        assertThat(exchange.order(tooBig.id()).get().filledQuantity()).isZero();
        assertThat(exchange.order(fits.id()).get().status()).isEqualTo(SimOrderStatus.FILLED);
    }

    @Test
    void aDayOrderExpiresOnTheNextMarketDay() throws IOException {
        SimulatedExchange exchange = replaying("100.00", "100.00");
        SimOrder day = exchange.submit(order(Side.BUY, "1", OrderType.LIMIT, TimeInForce.DAY, "50.00", null)).get();
        exchange.step();
        assertThat(exchange.order(day.id()).get().status()).isEqualTo(SimOrderStatus.NEW);

        clock.advance(Duration.ofDays(1));
        exchange.step();

        assertThat(exchange.order(day.id()).get().status()).isEqualTo(SimOrderStatus.EXPIRED);
    }

    @Test
    void insufficientBuyingPowerIsRefusedWith403() throws IOException {
        SimulatedExchange exchange = replaying(SimulationConfig.defaults(7)
                .withStartingCash(new BigDecimal("1000.00")), "100.00");

        Either<Refusal, SimOrder> tooBig = exchange.submit(market(Side.BUY, "11"));
        exchange.submit(market(Side.BUY, "6")).get();
        Either<Refusal, SimOrder> reservedAway = exchange.submit(market(Side.BUY, "5"));

        assertThat(tooBig.getLeft().status()).isEqualTo(403);
        assertThat(tooBig.getLeft().message()).contains("insufficient buying power");
        assertThat(reservedAway.getLeft().status()).isEqualTo(403);
        assertThat(exchange.orders()).hasSize(1);
    }

    @Test
    void aShortSaleNeedsBuyingPowerButSellingWhatIsHeldDoesNot() throws IOException {
        SimulatedExchange exchange = replaying(SimulationConfig.defaults(7)
                .withStartingCash(new BigDecimal("1000.00")), "100.00", "100.00");
        exchange.submit(market(Side.BUY, "10")).get();
        exchange.step();
        assertThat(exchange.account().cash()).isEqualByComparingTo("0");

        assertThat(exchange.submit(market(Side.SELL, "11")).getLeft().status()).isEqualTo(403);
        assertThat(exchange.submit(market(Side.SELL, "10")).isRight()).isTrue();
    }

    @Test
    void invalidOrdersAreRefusedWithAReason() throws IOException {
        SimulatedExchange exchange = replaying("100.00");

        assertThat(exchange.submit(market(Side.BUY, "0")).getLeft().message()).contains("qty");
        assertThat(exchange.submit(market(Side.BUY, "-5")).getLeft().message()).contains("qty");
        assertThat(exchange.submit(order(Side.BUY, "1", OrderType.LIMIT, TimeInForce.DAY, null, null)).getLeft()
                .message()).contains("limit_price");
        assertThat(exchange.submit(order(Side.BUY, "1", OrderType.LIMIT, TimeInForce.DAY, "10.001", null)).getLeft()
                .message()).contains("sub-penny");
        assertThat(exchange.submit(order(Side.BUY, "1", OrderType.STOP, TimeInForce.OPG, null, "10")).getLeft()
                .message()).contains("time_in_force");
        assertThat(exchange.submit(new NewOrder(Option.none(), "AAPL'; DROP TABLE orders;--", Side.BUY,
                BigDecimal.ONE, OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none())).getLeft()
                .message()).contains("not found");
        assertThat(exchange.submit(new NewOrder(Option.none(), "ZZZZ", Side.BUY, BigDecimal.ONE, OrderType.MARKET,
                TimeInForce.DAY, Option.none(), Option.none())).getLeft().status()).isEqualTo(422);
        assertThat(exchange.orders()).isEmpty();
    }

    @Test
    void aClientOrderIdIsUsedOnce() throws IOException {
        SimulatedExchange exchange = replaying("100.00");
        NewOrder first = new NewOrder(Option.some("mine-1"), "AAPL", Side.BUY, BigDecimal.ONE, OrderType.MARKET,
                TimeInForce.DAY, Option.none(), Option.none());

        exchange.submit(first).get();
        Refusal again = exchange.submit(first).getLeft();

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.message()).isEqualTo("client_order_id must be unique");
        assertThat(exchange.orders()).hasSize(1);
    }

    @Test
    void theSameSeedAndRequestsGiveTheSamePricesFillsAndIds() {
        List<SimFill> first = session(11);
        List<SimFill> second = session(11);
        List<SimFill> other = session(12);

        assertThat(second).isEqualTo(first);
        assertThat(first).hasSizeGreaterThan(5);
        assertThat(other.map(SimFill::executionId)).doesNotContainAnyElementsOf(first.map(SimFill::executionId));
        assertThat(first.map(SimFill::executionId).distinct()).hasSize(first.size());
    }

    private List<SimFill> session(long seed) {
        TestClock sessionClock = TestClock.at("2026-11-23T15:00:00Z");
        SimulatedExchange exchange = SimulatedExchange.start(SimulationConfig.defaults(seed)
                .withVolatilityBasisPoints(50), sessionClock, ExchangeIds.seeded(seed));
        BigDecimal start = exchange.price(Symbol.of("TSLA")).get();
        for (int i = 0; i < 20; i++) {
            exchange.submit(new NewOrder(Option.none(), "TSLA", i % 2 == 0 ? Side.BUY : Side.SELL, BigDecimal.ONE,
                    OrderType.LIMIT, TimeInForce.GTC, Option.some(start.add(new BigDecimal(i % 5 - 2))),
                    Option.none()));
            sessionClock.advance(Duration.ofSeconds(1));
            exchange.step();
        }
        return exchange.fills();
    }

    @Test
    void theRandomWalkStaysOnTheTick() {
        SimulatedExchange exchange = SimulatedExchange.start(SimulationConfig.defaults(3)
                .withVolatilityBasisPoints(100), clock);
        for (int i = 0; i < 200; i++) {
            exchange.step();
        }
        assertThat(exchange.prices().values()).allMatch(SimulatedExchange::onTick)
                .allMatch(price -> price.signum() > 0);
        assertThat(exchange.price(Symbol.of("AAPL")).get()).isNotEqualByComparingTo("190.00");
    }

    @Test
    void aSavedSimulationContinuesExactlyWhereItStopped() {
        StateFile file = new StateFile(directory.resolve("state.json"));
        SimulationConfig config = SimulationConfig.defaults(5).withMaxFillPerStep(Quantity.of(3));
        SimulatedExchange original = SimulatedExchange.start(config, clock);
        original.submit(new NewOrder(Option.some("a"), "MSFT", Side.BUY, BigDecimal.TEN, OrderType.MARKET,
                TimeInForce.GTC, Option.none(), Option.none())).get();
        original.step();
        file.save(original.snapshot());

        SimulatedExchange restored = file.open(config, clock);
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
        original.step();
        restored.step();

        // The same prices, orders, positions and cash; the new fill alike but for its id (a restored exchange takes
        // random ids, so that none repeats one handed out before the restore).
        SimulationState after = restored.snapshot();
        SimulationState expected = original.snapshot();
        assertThat(after.prices()).isEqualTo(expected.prices());
        assertThat(after.orders()).isEqualTo(expected.orders());
        assertThat(after.positions()).isEqualTo(expected.positions());
        assertThat(after.cash()).isEqualTo(expected.cash());
        assertThat(after.fills()).hasSize(2).first().isEqualTo(expected.fills().get(0));
        assertThat(after.fills().get(1)).usingRecursiveComparison().ignoringFields("executionId", "activityId")
                .isEqualTo(expected.fills().get(1));
        assertThat(after.fills().get(1).executionId()).isNotEqualTo(expected.fills().get(1).executionId());
        assertThat(restored.orderByClientOrderId("a").get().filledQuantity()).isEqualByComparingTo("6");
        assertThat(restored.submit(new NewOrder(Option.some("a"), "MSFT", Side.BUY, BigDecimal.ONE, OrderType.MARKET,
                TimeInForce.GTC, Option.none(), Option.none())).getLeft().message()).contains("unique");
    }

    @Test
    void aSavedSimulationOfAnotherSeedIsRefused() {
        StateFile file = new StateFile(directory.resolve("state.json"));
        file.save(SimulatedExchange.start(SimulationConfig.defaults(5), clock).snapshot());

        assertThatThrownBy(() -> file.open(SimulationConfig.defaults(6), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 5");
    }

    /**
     * Two simulations of one seed were one account to a ledger: the second, empty one was taken for the first, and
     * reconciliation set every position to zero. Each new simulation is an account of its own; a restored one stays
     * the account it was.
     */
    @Test
    void eachNewSimulationIsAnAccountOfItsOwnAndARestoredOneKeepsItsAccount() {
        SimulatedExchange first = SimulatedExchange.start(SimulationConfig.defaults(42), clock);
        SimulatedExchange second = SimulatedExchange.start(SimulationConfig.defaults(42), clock);
        assertThat(first.accountId()).isNotEqualTo(second.accountId());

        StateFile file = new StateFile(directory.resolve("account.json"));
        file.save(first.snapshot());
        assertThat(file.open(SimulationConfig.defaults(42), clock).accountId()).isEqualTo(first.accountId());
        assertThat(SimulatedBroker.persistent(SimulationConfig.defaults(42), clock, file).account().get())
                .isEqualTo(Option.some(first.accountId()));
    }

    @Test
    void aNewPersistentSimulationIsSavedAtOnceSoThatItsAccountSurvivesARestartWithoutTrades() {
        StateFile file = new StateFile(directory.resolve("new.json"));
        Option<String> account = SimulatedBroker.persistent(SimulationConfig.defaults(42), clock, file).account().get();

        assertThat(SimulatedBroker.persistent(SimulationConfig.defaults(42), clock, file).account().get())
                .isEqualTo(account);
    }

    @Test
    void aStateFileWrittenBeforeAccountsWereKeptGetsTheSameAccountAtEveryStart() throws Exception {
        StateFile file = new StateFile(directory.resolve("legacy.json"));
        file.save(SimulatedExchange.start(SimulationConfig.defaults(42), clock).snapshot());
        java.nio.file.Path path = file.path();
        String json = java.nio.file.Files.readString(path);
        java.nio.file.Files.writeString(path, json.replaceAll(",\\s*\"accountId\"\\s*:\\s*\"[^\"]*\"", ""));
        assertThat(java.nio.file.Files.readString(path)).doesNotContain("accountId");

        String once = file.open(SimulationConfig.defaults(42), clock).accountId();
        assertThat(file.open(SimulationConfig.defaults(42), clock).accountId()).isEqualTo(once);
    }
}
