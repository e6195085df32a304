package dev.tradingcore.adapters.postgres.audit.seal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transaction a reading of the whole audit chain runs in (verify, export): one read-only REPEATABLE READ
 * snapshot, so that blocks and rows are read as of one moment while the core keeps writing, and without the pool's
 * statement timeout, which is meant for trading statements; a long read here is by design.
 */
final class WholeLogSnapshot {

    private WholeLogSnapshot() {}

    /** Begins it on {@code c}; the caller commits or rolls back. */
    static void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = 0"); // this transaction only
        }
    }
}
