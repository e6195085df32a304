package dev.tradingcore.adapters.postgres.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.port.AlertSeverity;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The guard seen through a proxied port: what counts, what passes, what retries, what the breaker does. */
class GuardedTest {

    /** A port of the shape the adapter's ports have. */
    interface Quotes {
        String last(String symbol);

        void store(String symbol);

        default String describe(String symbol) {
            return "last " + last(symbol);
        }
    }

    /** An implementation that fails as told and counts how often it was reached. */
    static final class ScriptedQuotes implements Quotes {
        final AtomicInteger calls = new AtomicInteger();
        final List<RuntimeException> script = new CopyOnWriteArrayList<>();

        @Override
        public String last(String symbol) {
            calls.incrementAndGet();
            if (!script.isEmpty()) {
                throw script.removeFirst();
            }
            return symbol + "@100";
        }

        @Override
        public void store(String symbol) {
            last(symbol);
        }

        @Override
        public String toString() {
            return "scripted quotes";
        }

        void failNext(int times, RuntimeException failure) {
            for (int i = 0; i < times; i++) {
                script.add(failure);
            }
        }
    }

    private static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");
    private static final GuardSettings SETTINGS =
            GuardSettings.forTimeout(Duration.ofSeconds(1)).withWaitInOpenState(Duration.ofMillis(300));

    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final DatabaseGuard guard = new DatabaseGuard("test", SETTINGS, alerts, Clock.fixed(T0, ZoneOffset.UTC));
    private final ScriptedQuotes impl = new ScriptedQuotes();
    private final Quotes quotes = Guarded.of(Quotes.class, impl, guard, RetryPolicy.only("last"));
    private final List<BreakerTransition> transitions = new CopyOnWriteArrayList<>();

    {
        guard.onTransition(transitions::add);
    }

    @AfterEach
    void close() {
        guard.close();
    }

    static RuntimeException refused() {
        return new PersistenceException(new SQLException("Connection to localhost:5432 refused", "08001"));
    }

    static RuntimeException poolTimeout() {
        return new PersistenceException(new SQLTransientConnectionException("Connection is not available", "08001"));
    }

    @Nested
    class ConnectionFailures {

        @Test
        void become_store_unavailable_with_the_driver_error_as_cause() {
            impl.failNext(1, poolTimeout());

            assertThatThrownBy(() -> quotes.last("AAPL"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("database unavailable: ")
                    .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        }

        @Test
        void open_the_breaker_after_the_minimum_number_of_calls_and_then_fail_fast_without_a_call() {
            impl.failNext(5, poolTimeout());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> quotes.store("AAPL")).isInstanceOf(StoreUnavailableException.class);
            }
            assertThat(guard.status().state()).isEqualTo(BreakerState.OPEN);
            assertThat(impl.calls).hasValue(5);

            assertThatThrownBy(() -> quotes.last("AAPL"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("database unavailable since " + T0)
                    .hasMessageContaining("Connection is not available");
            assertThat(impl.calls).as("no attempt while open").hasValue(5);
            assertThat(guard.acceptingWork()).isFalse();
            assertThat(guard.describe()).startsWith("database unavailable since " + T0 + ": calls fail at once and new"
                    + " orders are refused (last failure: ");
        }

        @Test
        void a_fast_failure_is_retried_for_a_retryable_method_and_the_call_succeeds() {
            impl.failNext(2, refused());

            assertThat(quotes.last("AAPL")).isEqualTo("AAPL@100");
            assertThat(impl.calls).as("two failures, then the answer").hasValue(3);
        }

        @Test
        void a_method_not_named_retryable_is_tried_once() {
            impl.failNext(1, refused());

            assertThatThrownBy(() -> quotes.store("AAPL")).isInstanceOf(StoreUnavailableException.class);
            assertThat(impl.calls).hasValue(1);
        }

        @Test
        void a_pool_timeout_is_not_retried_because_it_already_waited_the_whole_timeout() {
            impl.failNext(1, poolTimeout());

            assertThatThrownBy(() -> quotes.last("AAPL")).isInstanceOf(StoreUnavailableException.class);
            assertThat(impl.calls).hasValue(1);
        }
    }

    @Nested
    class OtherFailures {

        @Test
        void a_data_error_passes_through_untouched_and_never_opens_the_breaker() {
            RuntimeException duplicate = new PersistenceException(new SQLException("duplicate key", "23505"));
            impl.failNext(20, duplicate);

            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> quotes.last("AAPL")).isSameAs(duplicate);
            }
            assertThat(impl.calls).as("never retried").hasValue(20);
            assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED);
        }

        @Test
        void a_serialization_failure_passes_through_for_the_journal_to_retry_and_does_not_count() {
            RuntimeException conflict = new PersistenceException(new SQLException("could not serialize", "40001"));
            impl.failNext(10, conflict);

            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> quotes.last("AAPL")).isSameAs(conflict);
            }
            assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED);
        }

        @Test
        void a_statement_timeout_is_store_unavailable_but_not_retried() {
            impl.failNext(1, new PersistenceException(new SQLException("canceling statement", "57014")));

            assertThatThrownBy(() -> quotes.last("AAPL"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("database did not answer in time");
            assertThat(impl.calls).hasValue(1);
        }

        @Test
        void a_bug_passes_through_untouched() {
            IllegalStateException bug = new IllegalStateException("mapper returned two rows");
            impl.failNext(1, bug);

            assertThatThrownBy(() -> quotes.last("AAPL")).isSameAs(bug);
        }
    }

    @Nested
    class ProxyMethods {

        @Test
        void a_default_method_runs_under_the_guard() {
            assertThat(quotes.describe("MSFT")).isEqualTo("last MSFT@100");

            impl.failNext(5, poolTimeout());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> quotes.describe("MSFT")).isInstanceOf(StoreUnavailableException.class);
            }
            assertThat(guard.status().state()).isEqualTo(BreakerState.OPEN);
        }

        @Test
        void object_methods_answer_without_touching_the_database_even_while_open() {
            impl.failNext(5, poolTimeout());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> quotes.store("AAPL")).isInstanceOf(StoreUnavailableException.class);
            }
            int calls = impl.calls.get();

            assertThat(quotes.toString()).isEqualTo("guarded Quotes over scripted quotes");
            assertThat(quotes).isEqualTo(quotes).isNotEqualTo(impl);
            assertThat(quotes.hashCode()).isEqualTo(System.identityHashCode(quotes));
            assertThat(impl.calls).hasValue(calls);
        }

        @Test
        void only_interfaces_can_be_guarded() {
            assertThatThrownBy(() -> Guarded.of(ScriptedQuotes.class, impl, guard, RetryPolicy.never()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Recovery {

        @Test
        void the_breaker_half_opens_by_itself_and_closes_on_successes_with_an_alert_each_way() {
            impl.failNext(5, poolTimeout());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> quotes.store("AAPL")).isInstanceOf(StoreUnavailableException.class);
            }
            assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL).map(a -> a.title()))
                    .containsExactly("Database unavailable");

            Eventually.within(Duration.ofSeconds(5), "half-open",
                    () -> guard.status().state() == BreakerState.HALF_OPEN);
            assertThat(quotes.last("AAPL")).isEqualTo("AAPL@100");
            assertThat(quotes.last("AAPL")).isEqualTo("AAPL@100");

            assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED);
            assertThat(guard.acceptingWork()).isTrue();
            assertThat(transitions).extracting(BreakerTransition::to)
                    .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
            Eventually.within(Duration.ofSeconds(10), "the incident resolved once the breaker stayed closed",
                    () -> !alerts.ofSeverity(AlertSeverity.INFO).isEmpty());
            assertThat(alerts.ofSeverity(AlertSeverity.INFO).map(a -> a.title()))
                    .containsExactly("Database available again");
        }

        @Test
        void a_failure_while_half_open_opens_the_breaker_again_without_a_second_critical_alert() {
            impl.failNext(5, poolTimeout());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> quotes.store("AAPL")).isInstanceOf(StoreUnavailableException.class);
            }
            Eventually.within(Duration.ofSeconds(5), "half-open",
                    () -> guard.status().state() == BreakerState.HALF_OPEN);
            impl.failNext(2, poolTimeout());
            assertThatThrownBy(() -> quotes.store("AAPL")).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> quotes.store("AAPL")).isInstanceOf(StoreUnavailableException.class);

            assertThat(guard.status().state()).isEqualTo(BreakerState.OPEN);
            assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL)).hasSize(1);
        }
    }
}
