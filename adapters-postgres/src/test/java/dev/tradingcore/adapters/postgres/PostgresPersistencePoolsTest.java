package dev.tradingcore.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.connection.ComponentPoolSizes;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.resilience.GuardSettings;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's facade puts each component on its own pool: a starved component cannot starve trading. */
class PostgresPersistencePoolsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void with_every_audit_and_market_data_connection_taken_trading_reads_still_answer() throws Exception {
        RecordingAlertSink alerts = new RecordingAlertSink();
        try (DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), new ComponentPoolSizes(2, 1, 1, 1, 1),
                TIMEOUT);
                DatabaseGuard guard = new DatabaseGuard("primary", GuardSettings.forTimeout(TIMEOUT), alerts,
                        Clock.fixed(Instant.parse("2026-01-05T14:30:00Z"), ZoneOffset.UTC));
                Connection auditBacklog = pools.audit().getConnection();
                Connection quoteBacklog = pools.marketData().getConnection()) {
            PostgresPersistence persistence = new PostgresPersistence(pools, guard);

            assertThat(persistence.auditTrail().ofOrder(OrderId.of("o-1")))
                    .as("audit search is an analytics read: the audit writers' backlog does not hold it up").isEmpty();
            assertThatThrownBy(() -> persistence.marketData().latest(Symbol.of("AAPL")))
                    .as("the market data pool is exhausted, reported as the store being unavailable")
                    .isInstanceOf(StoreUnavailableException.class);

            assertThat(persistence.positions().findAll()).as("the execution pool still answers").isEmpty();
            assertThat(persistence.riskSnapshots().latest()).isEmpty();
            assertThat(auditBacklog.isValid(1) && quoteBacklog.isValid(1)).isTrue();
        }
    }
}
