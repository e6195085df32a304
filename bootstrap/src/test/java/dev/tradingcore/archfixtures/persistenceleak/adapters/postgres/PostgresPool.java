package dev.tradingcore.archfixtures.persistenceleak.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSession;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/** Spared: every persistence library is at home in the postgres adapter. */
public final class PostgresPool {
    private HikariDataSource pool;
    private SqlSession session;
    private Flyway flyway;

    public PGConnection open(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        return connection.unwrap(PGConnection.class);
    }

    public boolean ready() {
        return pool != null && session != null && flyway != null;
    }
}
