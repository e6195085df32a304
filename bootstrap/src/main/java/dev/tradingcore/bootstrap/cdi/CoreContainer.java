package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerGateway;
import java.time.Clock;
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

    /** The database alone: schema, partitions, status. For commands that do not trade. */
    public static CoreContainer database(Settings settings, AlertSink alerts, Clock clock) {
        return start(new SuppliedInstances().with(Settings.class, settings).with(AlertSink.class, alerts)
                .with(Clock.class, clock), DatabaseProducer.class);
    }

    /** Everything: database, ports, use cases, with the given broker and alert sink. */
    public static CoreContainer trading(Settings settings, BrokerGateway broker, AlertSink alerts, Clock clock) {
        return start(new SuppliedInstances().with(Settings.class, settings).with(BrokerGateway.class, broker)
                .with(AlertSink.class, alerts).with(Clock.class, clock),
                DatabaseProducer.class, PortsProducer.class, UseCasesProducer.class);
    }

    private static CoreContainer start(SuppliedInstances supplied, Class<?>... producers) {
        Weld weld = new Weld()
                .containerId("trading-core-" + System.nanoTime())
                .disableDiscovery()
                .property("org.jboss.weld.construction.relaxed", true)
                .property("org.jboss.weld.se.shutdownHook", false)
                .addExtension(supplied)
                .beanClasses(producers);
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
