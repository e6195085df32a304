package dev.tradingcore.adapters.postgres.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.StoreUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseFailuresTest {

    @Nested
    class States {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
            "08001, CONNECTION", "08006, CONNECTION", "08003, CONNECTION", "57P01, CONNECTION", "57P02, CONNECTION",
            "57P03, CONNECTION", "53300, CONNECTION", "40001, CONFLICT", "40P01, CONFLICT", "57014, TIMEOUT",
            "55P03, TIMEOUT", "23505, DATA", "23T01, DATA", "22003, DATA", "42P01, DATA",
            // A database that cannot keep writes (read-only server, disk full, I/O error) is an outage to ride
            // through, not a data error: each fill would otherwise fail as bad data while the breaker stayed closed.
            "25006, CONNECTION", "53100, CONNECTION", "58030, CONNECTION", "53200, DATA"
        })
        void each_sqlstate_says_what_it_means_for_the_database(String state, FailureKind kind) {
            assertThat(DatabaseFailures.ofState(state)).isEqualTo(kind);
        }
    }

    @Nested
    class Chains {

        @Test
        void a_driver_error_wrapped_by_mybatis_is_read_through_the_wrapper() {
            PersistenceException wrapped = new PersistenceException(new SQLException("refused", "08001"));
            assertThat(DatabaseFailures.classify(wrapped)).isEqualTo(FailureKind.CONNECTION);
            assertThat(DatabaseFailures.worthRetrying(wrapped)).isTrue();
        }

        @Test
        void a_constraint_violation_wrapped_by_mybatis_is_data() {
            assertThat(DatabaseFailures.classify(new PersistenceException(new SQLException("dup", "23505"))))
                    .isEqualTo(FailureKind.DATA);
        }

        @Test
        void a_pool_timeout_is_a_connection_failure_not_worth_retrying_at_once() {
            SQLTransientConnectionException timedOut = new SQLTransientConnectionException(
                    "execution - Connection is not available", "08001", new ConnectException("Connection refused"));
            assertThat(DatabaseFailures.classify(new PersistenceException(timedOut))).isEqualTo(FailureKind.CONNECTION);
            assertThat(DatabaseFailures.worthRetrying(new PersistenceException(timedOut))).isFalse();
        }

        @Test
        void a_socket_timeout_is_a_connection_failure_not_worth_retrying_at_once() {
            SQLException io = new SQLException("An I/O error occurred", "08006", new SocketTimeoutException("Read"));
            assertThat(DatabaseFailures.classify(io)).isEqualTo(FailureKind.CONNECTION);
            assertThat(DatabaseFailures.worthRetrying(io)).isFalse();
        }

        @Test
        void a_socket_error_without_sqlstate_is_a_connection_failure() {
            assertThat(DatabaseFailures.classify(new IllegalStateException(new ConnectException("refused"))))
                    .isEqualTo(FailureKind.CONNECTION);
        }

        @Test
        void a_store_unavailable_from_below_counts_but_is_not_retried_again() {
            StoreUnavailableException unavailable = new StoreUnavailableException("database unavailable");
            assertThat(DatabaseFailures.classify(unavailable)).isEqualTo(FailureKind.CONNECTION);
            assertThat(DatabaseFailures.worthRetrying(unavailable)).isFalse();
        }

        @Test
        void using_a_connection_hikari_already_evicted_is_a_connection_failure() {
            PersistenceException rollback = new PersistenceException("Error rolling back transaction",
                    new SQLException("Connection is closed"));
            assertThat(DatabaseFailures.classify(rollback)).isEqualTo(FailureKind.CONNECTION);
        }

        @Test
        void anything_else_is_not_a_database_failure() {
            assertThat(DatabaseFailures.classify(new IllegalArgumentException("bad symbol")))
                    .isEqualTo(FailureKind.OTHER);
            assertThat(DatabaseFailures.classify(new SQLException("no state"))).isEqualTo(FailureKind.OTHER);
        }
    }

    /** Which failures open the breaker at once: the next caller would wait or fail the same way. */
    @Nested
    class AtOnce {

        @Test
        void a_read_that_timed_out_or_a_pool_that_could_not_connect_waited_out_the_timeout() {
            assertThat(DatabaseFailures.waitedOut(new PersistenceException(new SQLException("I/O error", "08006",
                    new SocketTimeoutException("Read timed out"))))).isTrue();
            assertThat(DatabaseFailures.waitedOut(new SQLTransientConnectionException("execution - Connection is"
                    + " not available, request timed out after 750ms (total=0, active=0, idle=0, waiting=0)",
                    "08001", new SQLException("Connection to 127.0.0.1:5432 refused", "08001")))).isTrue();
            assertThat(DatabaseFailures.waitedOut(new SQLTransientConnectionException("execution - Connection is"
                    + " not available, request timed out after 750ms (total=0, active=0, idle=0, waiting=1)")))
                    .as("no connection could be made yet").isTrue();
        }

        @Test
        void a_busy_pool_of_a_healthy_database_did_not() {
            assertThat(DatabaseFailures.waitedOut(new SQLTransientConnectionException("execution - Connection is"
                    + " not available, request timed out after 750ms (total=5, active=5, idle=0, waiting=3)")))
                    .isFalse();
            assertThat(DatabaseFailures.waitedOut(new SQLException("reset", "08006", new ConnectException("reset"))))
                    .as("a broken connection fails fast: a retry gets a fresh one").isFalse();
        }

        @Test
        void a_write_the_database_cannot_keep_is_refused() {
            assertThat(DatabaseFailures.writesRefused(new PersistenceException(new SQLException("ERROR: could not"
                    + " extend file \"base/5/16625\": File too large", "XX000")))).isTrue();
            assertThat(DatabaseFailures.writesRefused(new SQLException("disk full", "53100"))).isTrue();
            assertThat(DatabaseFailures.writesRefused(new SQLException("cannot execute INSERT in a read-only"
                    + " transaction", "25006"))).isTrue();
            assertThat(DatabaseFailures.writesRefused(new SQLException("duplicate key", "23505"))).isFalse();
            assertThat(DatabaseFailures.worthRetrying(new SQLException("disk full", "53100"))).isFalse();
        }
    }
}
