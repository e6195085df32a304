package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.bootstrap.config.Settings;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

/**
 * Hands the already-validated {@link Settings} to the container as a bean. Settings are read before CDI starts, so
 * that a configuration error is reported plainly instead of as a deployment failure.
 */
public final class SettingsExtension implements Extension {

    private final Settings settings;

    public SettingsExtension(Settings settings) {
        this.settings = settings;
    }

    void registerSettings(@Observes AfterBeanDiscovery event) {
        event.addBean().types(Settings.class, Object.class).scope(Singleton.class).createWith(context -> settings);
    }
}
