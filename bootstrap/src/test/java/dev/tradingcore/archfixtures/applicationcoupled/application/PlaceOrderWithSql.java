package dev.tradingcore.archfixtures.applicationcoupled.application;

import java.sql.Connection;

/** Violates applicationDependsOnlyOnDomain: SQL in a use case. */
public final class PlaceOrderWithSql {
    private Connection connection;

    public boolean connected() {
        return connection != null;
    }
}
