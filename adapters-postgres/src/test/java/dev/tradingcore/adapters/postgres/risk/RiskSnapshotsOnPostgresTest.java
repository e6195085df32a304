package dev.tradingcore.adapters.postgres.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.application.risk.SnapshottingRisk;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskSnapshot;
import io.vavr.collection.HashMap;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot use case on PostgreSQL: figures from one consistent read, saved, and feeding the next one's history. */
class RiskSnapshotsOnPostgresTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Test
    void snapshots_are_computed_from_stored_positions_and_earlier_snapshots() {
        PostgresPersistence persistence = db.persistence();
        Instant t1 = Instant.parse("2026-11-23T15:00:00Z");
        // Long 100 AAPL bought at 150, marked at 160; short 50 TSLA sold at 200, marked at 210.
        persistence.positions().save(Position.opened(Symbol.of("AAPL"), new BigDecimal("100"), Price.of("150"),
                BigDecimal.ZERO, BigDecimal.ZERO, Option.some(Price.of("160")), t1));
        persistence.positions().save(Position.opened(Symbol.of("TSLA"), new BigDecimal("-50"), Price.of("200"),
                BigDecimal.ZERO, BigDecimal.ZERO, Option.some(Price.of("210")), t1));

        SnapshottingRisk first = new SnapshottingRisk(persistence.riskInputs(), persistence.riskSnapshots(),
                Money.of("100000"), HashMap.of(Symbol.of("AAPL"), "TECH", Symbol.of("TSLA"), "AUTO"), Duration.ofDays(30),
                Clock.fixed(t1, ZoneOffset.UTC));
        RiskSnapshot snapshot = first.snapshot();

        // cash = 100,000 - 15,000 (bought) + 10,000 (sold short) = 95,000
        assertThat(snapshot.cashBalance()).isEqualTo(Money.of("95000.00"));
        // value = 95,000 + 16,000 - 10,500 = 100,500
        assertThat(snapshot.portfolioValue()).isEqualTo(Money.of("100500.00"));
        assertThat(snapshot.totalExposure()).isEqualTo(Money.of("26500.00"));
        assertThat(snapshot.netExposure()).isEqualTo(Money.of("5500.00"));
        assertThat(snapshot.positionCount()).isEqualTo(2);
        assertThat(persistence.riskSnapshots().latest().get()).isEqualTo(snapshot);

        // A later snapshot at a lower value sees the first in its history: a drawdown appears.
        persistence.positions().save(Position.opened(Symbol.of("AAPL"), new BigDecimal("100"), Price.of("150"),
                BigDecimal.ZERO, BigDecimal.ZERO, Option.some(Price.of("140")), t1));
        RiskSnapshot second = new SnapshottingRisk(persistence.riskInputs(), persistence.riskSnapshots(),
                Money.of("100000"), HashMap.empty(), Duration.ofDays(30),
                Clock.fixed(t1.plusSeconds(300), ZoneOffset.UTC)).snapshot();

        assertThat(second.portfolioValue()).isEqualTo(Money.of("98500.00"));
        // From the stored peak of 100,500 to 98,500: 2,000 / 100,500 = 0.019900..., rounded up (towards danger).
        assertThat(snapshot.maxDrawdown().get()).as("the first has no fall behind it").isEqualByComparingTo("0");
        assertThat(second.maxDrawdown().get()).isEqualByComparingTo("0.0200");
        assertThat(persistence.riskSnapshots().between(t1, t1.plusSeconds(301))).containsExactly(snapshot, second);

        // A third, back above the first peak: its own history holds the fall, which stays the largest.
        persistence.positions().save(Position.opened(Symbol.of("AAPL"), new BigDecimal("100"), Price.of("150"),
                BigDecimal.ZERO, BigDecimal.ZERO, Option.some(Price.of("170")), t1));
        RiskSnapshot third = new SnapshottingRisk(persistence.riskInputs(), persistence.riskSnapshots(),
                Money.of("100000"), HashMap.empty(), Duration.ofDays(30),
                Clock.fixed(t1.plusSeconds(600), ZoneOffset.UTC)).snapshot();
        assertThat(third.portfolioValue()).isEqualTo(Money.of("101500.00"));
        assertThat(third.maxDrawdown().get()).isEqualByComparingTo("0.0200");
    }
}
