package dev.tradingcore.archfixtures.impuredomain.domain;

import java.sql.Connection;

/** Violates domainIsPure: JDBC is JDK, but infrastructure. */
public final class OrderUsingJdbc {
    private Connection connection;

    public boolean persisted() {
        return connection != null;
    }
}
