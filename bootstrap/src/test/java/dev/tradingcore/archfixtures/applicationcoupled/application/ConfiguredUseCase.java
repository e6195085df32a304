package dev.tradingcore.archfixtures.applicationcoupled.application;

import dev.tradingcore.archfixtures.applicationcoupled.bootstrap.Settings;

/** Violates applicationDependsOnlyOnDomain: a use case reading bootstrap's configuration. */
public final class ConfiguredUseCase {
    public String url(Settings settings) {
        return settings.url();
    }
}
