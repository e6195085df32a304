package dev.tradingcore.archfixtures.adapterscoupled.adapters.postgres;

import dev.tradingcore.archfixtures.adapterscoupled.bootstrap.Settings;

/** Violates adaptersAreIndependent: nothing may depend on bootstrap. */
public final class PostgresUsingBootstrap {
    public String url(Settings settings) {
        return settings.url();
    }
}
