package dev.tradingcore.archfixtures.impuredomain.adapters.postgres;

import java.sql.Connection;

/** Spared by domainIsPure: JDBC outside the domain is another rule's business. */
public final class JdbcOrders {
    private Connection connection;

    public boolean open() {
        return connection != null;
    }
}
