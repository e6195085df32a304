package dev.tradingcore.bootstrap;

import dev.tradingcore.adapters.broker.simulated.SimPosition;
import dev.tradingcore.adapters.broker.simulated.SimulationState;
import dev.tradingcore.adapters.broker.simulated.StateFile;
import dev.tradingcore.domain.port.BrokerPosition;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** What a user checks in a database and at a broker: rows read as they are stored, independently of the core. */
final class LedgerRows {

    private final Connection connection;

    private LedgerRows(Connection connection) {
        this.connection = connection;
    }

    interface Reading<T> {
        T read(LedgerRows rows) throws SQLException;
    }

    static <T> T of(Connection connection, Reading<T> reading) {
        try (connection) {
            return reading.read(new LedgerRows(connection));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Symbol to quantity of every position not flat. */
    Map<String, BigDecimal> positions() throws SQLException {
        Map<String, BigDecimal> held = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT symbol, quantity FROM positions WHERE quantity <> 0")) {
            while (rs.next()) {
                held.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros());
            }
        }
        return held;
    }

    /** Status to count of the orders. */
    Map<String, Integer> ordersByStatus() throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, count(*) FROM orders GROUP BY status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    long count(String table) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long auditLines(String action) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE action = '" + action + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String ledgerId() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT value #>> '{}' FROM system_state WHERE key = 'ledger_id'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Symbol to quantity of every position a simulation's state file holds, not flat. */
    static Map<String, BigDecimal> simulationPositions(Path stateFile) {
        SimulationState state = new StateFile(stateFile).load().getOrElseThrow(
                () -> new IllegalStateException("no simulation state at " + stateFile));
        Map<String, BigDecimal> held = new TreeMap<>();
        for (SimPosition position : state.positions()) {
            if (position.quantity().signum() != 0) {
                held.put(position.symbol().value(), position.quantity().stripTrailingZeros());
            }
        }
        return held;
    }

    /** Symbol to quantity of every position a broker reports, not flat. */
    static Map<String, BigDecimal> brokerPositions(io.vavr.collection.List<BrokerPosition> positions) {
        Map<String, BigDecimal> held = new TreeMap<>();
        for (BrokerPosition position : positions) {
            if (position.quantity().signum() != 0) {
                held.put(position.symbol().value(), position.quantity().stripTrailingZeros());
            }
        }
        return held;
    }
}
