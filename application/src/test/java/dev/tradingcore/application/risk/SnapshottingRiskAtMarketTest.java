package dev.tradingcore.application.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryMarketDataRepository;
import dev.tradingcore.domain.fakes.InMemoryPositionRepository;
import dev.tradingcore.domain.fakes.InMemoryRiskInputs;
import dev.tradingcore.domain.fakes.InMemoryRiskSnapshotRepository;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskSnapshot;
import dev.tradingcore.domain.risk.ValueAtRisk;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A snapshot at market: positions at their latest prices (newer than the stored marks), sectors from the map, VaR from
 * the cached prices, drawdown over today's snapshots only, waiting prices written first.
 */
class SnapshottingRiskAtMarketTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol XOM = Symbol.of("XOM");

    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");
    private final InMemoryPositionRepository positions = new InMemoryPositionRepository();
    private final InMemoryRiskSnapshotRepository snapshots = new InMemoryRiskSnapshotRepository();
    private final InMemoryMarketDataRepository prices = new InMemoryMarketDataRepository();
    private final PositionCache cache = new PositionCache();
    private final AtomicInteger flushes = new AtomicInteger();

    private SnapshottingRisk risk() {
        return new SnapshottingRisk(new InMemoryRiskInputs(positions, snapshots), snapshots, Money.of("100000"),
                HashMap.of(AAPL, "Technology"), new SnapshottingRisk.Prices(flushes::incrementAndGet,
                        s -> cache.markOf(s).map(Quote::price), prices,
                        at -> LocalDate.ofInstant(at, NEW_YORK).atStartOfDay(NEW_YORK).toInstant()), clock);
    }

    private static RiskSnapshot earlier(Instant at, String value) {
        return new RiskSnapshot(at, Money.of(value), Money.of(value), Money.ZERO, Money.ZERO, Option.none(),
                Option.none(), Option.none(), 0, Option.none(), HashMap.empty());
    }

    @Test
    void the_book_is_valued_at_its_latest_prices_with_sectors_var_and_todays_drawdown() {
        positions.save(Position.opened(AAPL, new BigDecimal("100"), Price.of("150"), BigDecimal.ZERO,
                BigDecimal.ZERO, Option.some(Price.of("150")), clock.instant()));
        positions.save(Position.opened(XOM, new BigDecimal("-50"), Price.of("100"), BigDecimal.ZERO, BigDecimal.ZERO,
                Option.none(), clock.instant()));
        for (int i = 0; i < 10; i++) {
            Instant at = clock.instant().minusSeconds(10 - i);
            prices.upsert(Quote.last(AAPL, at, Price.of(i % 2 == 0 ? "158" : "162")));
            prices.upsert(Quote.last(XOM, at, Price.of("100")));
        }
        cache.mark(Quote.last(AAPL, clock.instant(), Price.of("160")));
        cache.mark(Quote.last(XOM, clock.instant(), Price.of("100")));
        snapshots.save(earlier(Instant.parse("2026-11-23T04:00:00Z"), "200000")); // yesterday in New York
        snapshots.save(earlier(Instant.parse("2026-11-23T14:30:00Z"), "102000")); // today's peak

        RiskSnapshot snapshot = risk().snapshot();

        // cash = 100000 - 15000 + 5000 = 90000; AAPL 100 x 160 = 16000, XOM -50 x 100 = -5000
        assertThat(flushes.get()).as("waiting prices written first").isEqualTo(1);
        assertThat(snapshot.cashBalance()).isEqualTo(Money.of("90000.00"));
        assertThat(snapshot.portfolioValue()).isEqualTo(Money.of("101000.00"));
        assertThat(snapshot.totalExposure()).isEqualTo(Money.of("21000.00"));
        assertThat(snapshot.sectorConcentration().get("Technology").get()).isEqualByComparingTo("15.8416");
        assertThat(snapshot.sectorConcentration().get("UNCLASSIFIED").get()).isEqualByComparingTo("4.9505");
        assertThat(snapshot.maxDrawdown().get()).as("(102000 - 101000) / 102000, not from yesterday's 200000")
                .isEqualByComparingTo("0.0099");
        assertThat(snapshot.varMethod()).as("9 steps of history").isEqualTo(ValueAtRisk.Method.PARAMETRIC);
        assertThat(snapshot.var95().get().signum()).isPositive();
        assertThat(snapshots.latest().get()).isEqualTo(snapshot);
    }
}
