package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert to the sinks whose severities include it, in the order the routes were added. The design's
 * routing is
 *
 * <pre>{@code
 * RoutingAlertSink.builder()
 *         .always(new LoggingAlertSink())                 // everything to the log
 *         .atLeast(AlertSeverity.CRITICAL, pagerWebhook)  // critical to the pager
 *         .atLeast(AlertSeverity.WARNING, email)          // warnings (and worse) to e-mail
 *         .build();
 * }</pre>
 *
 * A sink that throws (it should not: the AlertSink contract) is logged and skipped; the other routes still get the
 * alert. {@link #close()} closes every routed sink that is {@link AutoCloseable}.
 */
public final class RoutingAlertSink implements AlertSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingAlertSink.class);

    /** One route: the severities it takes and where they go. */
    public record Route(Set<AlertSeverity> severities, AlertSink sink) {

        public Route {
            Objects.requireNonNull(sink, "sink");
            severities = Set.copyOf(Objects.requireNonNull(severities, "severities"));
            if (severities.isEmpty()) {
                throw new IllegalArgumentException("a route needs at least one severity");
            }
        }
    }

    private final List<Route> routes;

    private RoutingAlertSink(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Routes, in order. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        /** Every alert to {@code sink}. */
        public Builder always(AlertSink sink) {
            return only(EnumSet.allOf(AlertSeverity.class), sink);
        }

        /** Alerts of {@code minimum} severity or worse to {@code sink}. */
        public Builder atLeast(AlertSeverity minimum, AlertSink sink) {
            return only(EnumSet.range(Objects.requireNonNull(minimum, "minimum"), AlertSeverity.CRITICAL), sink);
        }

        /** Alerts of exactly these severities to {@code sink}. */
        public Builder only(Set<AlertSeverity> severities, AlertSink sink) {
            routes.add(new Route(severities, sink));
            return this;
        }

        public RoutingAlertSink build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("a routing alert sink needs at least one route");
            }
            return new RoutingAlertSink(routes);
        }
    }

    @Override
    public void send(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        for (Route route : routes) {
            if (route.severities().contains(alert.severity())) {
                try {
                    route.sink().send(alert);
                } catch (RuntimeException e) {
                    LOG.warn("alert sink {} failed to take the alert '{}'", route.sink(), alert.title(), e);
                }
            }
        }
    }

    /** The routes, in order. */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        for (Route route : routes) {
            if (route.sink() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("alert sink {} did not close cleanly", route.sink(), e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RoutingAlertSink" + routes;
    }
}
