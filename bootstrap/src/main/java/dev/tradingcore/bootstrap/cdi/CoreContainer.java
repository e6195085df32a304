package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
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
    private final DatabaseServer server;

    private CoreContainer(WeldContainer weld, DatabaseServer server) {
        this.weld = weld;
        this.server = server;
    }

    /** The database alone: schema, partitions, status. For commands that do not trade. */
    public static CoreContainer database(Settings settings, AlertSink alerts, Clock clock) {
        return start(settings, new SuppliedInstances().with(Settings.class, settings).with(AlertSink.class, alerts)
                .with(Clock.class, clock), DatabaseProducer.class);
    }

    /** Everything: database, ports, use cases, with the given broker and alert sink. */
    public static CoreContainer trading(Settings settings, BrokerGateway broker, AlertSink alerts, Clock clock) {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        return trading(settings, broker, alerts, clock, registry, new dev.tradingcore.application.metrics.CoreMetrics(
                new dev.tradingcore.adapters.metrics.MicrometerMeters(registry)));
    }

    /**
     * The same, measuring into {@code registry} through {@code metrics} (which the caller also measures the broker
     * with: it is wrapped before anything holds it).
     */
    public static CoreContainer trading(Settings settings, BrokerGateway broker, AlertSink alerts, Clock clock,
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry,
            dev.tradingcore.application.metrics.CoreMetrics metrics) {
        dev.tradingcore.application.port.out.Meters meters =
                new dev.tradingcore.adapters.metrics.MicrometerMeters(registry);
        return start(settings, new SuppliedInstances().with(Settings.class, settings)
                .with(BrokerGateway.class, broker).with(AlertSink.class, alerts).with(Clock.class, clock)
                .with(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class, registry)
                .with(dev.tradingcore.application.port.out.Meters.class, meters)
                .with(dev.tradingcore.application.metrics.CoreMetrics.class, metrics),
                DatabaseProducer.class, PortsProducer.class, UseCasesProducer.class);
    }

    /**
     * The database server comes first, outside the container: a configured database that cannot be reached is
     * reported within its timeout, in one line, before anything else is built (and before any pool waits for it).
     */
    private static CoreContainer start(Settings settings, SuppliedInstances supplied, Class<?>... producers) {
        DatabaseServer server = DatabaseServer.start(settings);
        try {
            Weld weld = new Weld()
                    .containerId("trading-core-" + System.nanoTime())
                    .disableDiscovery()
                    .property("org.jboss.weld.construction.relaxed", true)
                    .property("org.jboss.weld.se.shutdownHook", false)
                    .addExtension(supplied.with(DatabaseServer.class, server))
                    .beanClasses(producers);
            return new CoreContainer(weld.initialize(), server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The one bean of the given type. */
    public <T> T get(Class<T> type) {
        return weld.select(type).get();
    }

    /** Stops the container, then the embedded server if one was started. */
    @Override
    public void close() {
        try {
            weld.shutdown();
        } finally {
            server.close();
        }
    }
}
