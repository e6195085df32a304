package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.bootstrap.config.Settings;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The CDI container of one trading-core process. Discovery is off: every bean class is listed here, so what runs is
 * what this file says, and a class does not become a bean by landing on the class path.
 */
public final class CoreContainer implements AutoCloseable {

    private final WeldContainer weld;

    private CoreContainer(WeldContainer weld) {
        this.weld = weld;
    }

    /** Starts the container with the given settings. Beans are created lazily, on first use. */
    public static CoreContainer start(Settings settings) {
        Weld weld = new Weld()
                .containerId("trading-core-" + System.nanoTime())
                .disableDiscovery()
                .property("org.jboss.weld.construction.relaxed", true)
                .property("org.jboss.weld.se.shutdownHook", false)
                .addExtension(new SettingsExtension(settings))
                .beanClasses(ClockProducer.class, DatabaseProducer.class);
        return new CoreContainer(weld.initialize());
    }

    /** The one bean of the given type. */
    public <T> T get(Class<T> type) {
        return weld.select(type).get();
    }

    @Override
    public void close() {
        weld.shutdown();
    }
}
