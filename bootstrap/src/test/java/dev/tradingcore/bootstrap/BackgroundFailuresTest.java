package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.fixtures.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The price poll and the switch's reread swallowed every exception with no word: a kill-switch halt whose write
 * failed, or a broker answering nonsense, went unseen for the life of the process.
 */
class BackgroundFailuresTest {

    private final TestClock clock = TestClock.at("2026-12-03T15:00:00Z");
    private final List<String> said = new ArrayList<>();
    private final BackgroundFailures failures = new BackgroundFailures("polling the broker's prices", said::add,
            clock);

    private static Runnable failing(String why) {
        return () -> {
            throw new IllegalStateException(why);
        };
    }

    @Test
    void a_failure_is_said_at_once_then_once_a_minute_with_its_count_and_never_thrown_on() {
        failures.run(failing("price 1e12 does not fit"));
        for (int second = 1; second <= 59; second++) {
            clock.advance(Duration.ofSeconds(1));
            failures.run(failing("price 1e12 does not fit"));
        }
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).contains("polling the broker's prices failed", "price 1e12 does not fit");

        clock.advance(Duration.ofSeconds(1));
        failures.run(failing("price 1e12 does not fit"));

        assertThat(said).hasSize(2);
        assertThat(said.get(1)).contains("60 times since last said");
        assertThat(failures.count()).isEqualTo(61);
    }

    @Test
    void after_a_success_the_next_failure_is_said_at_once() {
        failures.run(failing("first"));
        failures.run(() -> { });
        clock.advance(Duration.ofSeconds(2));
        failures.run(failing("second"));

        assertThat(said).hasSize(2);
        assertThat(said.get(1)).contains("second");
    }

    @Test
    void the_database_away_is_counted_not_said_the_guard_alerts_once_per_outage() {
        failures.run(() -> {
            throw new StoreUnavailableException("database unavailable");
        });

        assertThat(said).isEmpty();
        assertThat(failures.count()).isEqualTo(1);
    }
}
