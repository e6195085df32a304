package dev.tradingcore.adapters.postgres.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The plan PostgreSQL makes for a mapper's own statement, bound to real parameters the way MyBatis binds them: what
 * the tests check is the SQL the adapter sends, not a copy of it.
 */
public final class Explain {

    private Explain() {}

    /**
     * {@code EXPLAIN (options) <statement>}, inside a transaction that is rolled back.
     *
     * @param statementId e.g. {@code dev.tradingcore.adapters.postgres.order.OrderMapper.findOpenBySymbol}
     * @param parameter the mapper's parameter object (a map of the {@code @Param} names for several parameters)
     * @param settings statements run first in the transaction, e.g. {@code SET LOCAL enable_seqscan = off}
     */
    public static String plan(SqlSessionFactory sessions, String statementId, Object parameter, String options,
            String... settings) {
        try (SqlSession session = sessions.openSession(false)) {
            MappedStatement statement = session.getConfiguration().getMappedStatement(statementId);
            BoundSql bound = statement.getBoundSql(parameter);
            return explain(session, bound.getSql(), options, settings,
                    ps -> new DefaultParameterHandler(statement, parameter, bound).setParameters(ps));
        } catch (SQLException e) {
            throw new IllegalStateException("EXPLAIN of " + statementId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@code EXPLAIN (options) <sql>} for a statement sent in plain JDBC (its SQL constant, not a copy), its
     * parameters bound as strings in order, inside a transaction that is rolled back.
     */
    public static String planOfSql(SqlSessionFactory sessions, String sql, List<String> parameters, String options,
            String... settings) {
        try (SqlSession session = sessions.openSession(false)) {
            return explain(session, sql, options, settings, ps -> {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setString(i + 1, parameters.get(i));
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("EXPLAIN of " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Binds a statement's parameters. */
    private interface Binding {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The settings, then {@code EXPLAIN (options) sql} with its parameters bound; rolled back either way. */
    private static String explain(SqlSession session, String sql, String options, String[] settings, Binding binding)
            throws SQLException {
        Connection connection = session.getConnection();
        try (Statement st = connection.createStatement()) {
            for (String setting : settings) {
                st.execute(setting);
            }
        }
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN (" + options + ") " + sql)) {
            binding.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        } finally {
            connection.rollback();
        }
        return String.join("\n", lines);
    }
}
