package dev.tradingcore.adapters.postgres;

import dev.tradingcore.adapters.postgres.mybatis.Mappers;
import dev.tradingcore.adapters.postgres.mybatis.SessionFactories;
import dev.tradingcore.adapters.postgres.position.PostgresPositions;
import dev.tradingcore.domain.position.PositionRepository;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The PostgreSQL adapter seen from outside: given the pools, it hands out the implementations of the domain's
 * persistence ports. Bootstrap wires these into CDI; tests build one over a test database. The implementations
 * themselves stay package-private.
 */
public final class PostgresPersistence {

    private final SqlSessionFactory sessions;

    /** @param primary the pool of the trading path (reads and writes on the primary) */
    public PostgresPersistence(DataSource primary) {
        this.sessions = SessionFactories.create("primary", primary, Mappers.ALL);
    }

    /** The MyBatis sessions over the primary, for adapters of this module. */
    public SqlSessionFactory sessions() {
        return sessions;
    }

    public PositionRepository positions() {
        return PostgresPositions.repository(sessions);
    }
}
