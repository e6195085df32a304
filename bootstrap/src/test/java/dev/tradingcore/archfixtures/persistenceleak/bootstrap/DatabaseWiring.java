package dev.tradingcore.archfixtures.persistenceleak.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** Spared: bootstrap builds the pool. */
public final class DatabaseWiring {
    public DataSource dataSource() {
        return new HikariDataSource();
    }
}
