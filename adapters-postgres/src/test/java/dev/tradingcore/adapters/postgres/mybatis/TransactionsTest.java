package dev.tradingcore.adapters.postgres.mybatis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TransactionsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static SqlSessionFactory sessions() {
        return SessionFactories.create("test", db.dataSource(), List.of());
    }

    private static PersistenceException failure(String sqlState) {
        return new PersistenceException("wrapped", new SQLException("from the server", sqlState));
    }

    @Test
    void a_deadlock_or_serialization_failure_runs_the_work_again() {
        AtomicInteger attempts = new AtomicInteger();

        String result = Transactions.inTransaction(sessions(), session -> {
            int attempt = attempts.incrementAndGet();
            if (attempt == 1) {
                throw failure(SqlStates.DEADLOCK);
            }
            if (attempt == 2) {
                throw failure(SqlStates.SERIALIZATION_FAILURE);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void the_retries_are_bounded() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Transactions.inTransaction(sessions(), session -> {
            attempts.incrementAndGet();
            throw failure(SqlStates.DEADLOCK);
        })).isInstanceOf(PersistenceException.class);
        assertThat(attempts).hasValue(Transactions.MAX_ATTEMPTS);
    }

    @Test
    void when_the_rollback_fails_too_the_original_failure_is_what_the_caller_sees() {
        PersistenceException original = failure(SqlStates.UNIQUE_VIOLATION);

        assertThatThrownBy(() -> Transactions.inTransaction(sessions(), session -> {
            try {
                session.getConnection().close(); // the connection dies under the transaction
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw original;
        })).isSameAs(original);
    }

    @Test
    void other_failures_are_never_retried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Transactions.inTransaction(sessions(), session -> {
            attempts.incrementAndGet();
            throw failure(SqlStates.UNIQUE_VIOLATION);
        })).isInstanceOf(PersistenceException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void one_statement_is_run_again_after_a_deadlock_and_not_after_other_failures() {
        AtomicInteger attempts = new AtomicInteger();
        String result = Transactions.inOneStatement(sessions(), session -> {
            if (attempts.incrementAndGet() == 1) {
                throw failure(SqlStates.DEADLOCK);
            }
            return "done";
        });
        AtomicInteger refused = new AtomicInteger();
        assertThatThrownBy(() -> Transactions.inOneStatement(sessions(), session -> {
            refused.incrementAndGet();
            throw failure(SqlStates.UNIQUE_VIOLATION);
        })).isInstanceOf(PersistenceException.class);
        AtomicInteger bounded = new AtomicInteger();
        assertThatThrownBy(() -> Transactions.inOneStatement(sessions(), session -> {
            bounded.incrementAndGet();
            throw failure(SqlStates.SERIALIZATION_FAILURE);
        })).isInstanceOf(PersistenceException.class);

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
        assertThat(refused).hasValue(1);
        assertThat(bounded).hasValue(Transactions.MAX_ATTEMPTS);
    }

    @Test
    void one_statement_is_committed_when_it_returns_without_a_commit() throws Exception {
        Transactions.inOneStatement(sessions(), session -> {
            try (java.sql.Statement st = session.getConnection().createStatement()) {
                return st.executeUpdate("INSERT INTO audit_log (component, action, details, severity)"
                        + " VALUES ('test', 'one_statement', '{\"order_id\": \"one-statement-1\"}', 'info')");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        try (java.sql.Connection other = db.connect(); java.sql.Statement st = other.createStatement();
                java.sql.ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM audit_log WHERE order_id = 'one-statement-1'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("seen from another connection").isEqualTo(1);
        }
    }
}
