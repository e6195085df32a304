package dev.tradingcore.adapters.alerting;

import static dev.tradingcore.adapters.alerting.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingAlertSinkTest {

    /** Records titles; closeable so that close() can be checked. */
    static final class Recording implements AlertSink, AutoCloseable {
        final List<String> titles = new ArrayList<>();
        boolean closed;

        @Override
        public void send(Alert alert) {
            titles.add(alert.title());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void the_designs_routing_critical_to_the_pager_warnings_to_email_everything_to_the_log() {
        Recording log = new Recording();
        Recording pager = new Recording();
        Recording email = new Recording();
        RoutingAlertSink sink = RoutingAlertSink.builder().always(log).atLeast(AlertSeverity.CRITICAL, pager)
                .only(EnumSet.of(AlertSeverity.WARNING, AlertSeverity.HIGH), email).build();

        sink.send(alert(AlertSeverity.INFO, "info"));
        sink.send(alert(AlertSeverity.WARNING, "warning"));
        sink.send(alert(AlertSeverity.HIGH, "high"));
        sink.send(alert(AlertSeverity.CRITICAL, "critical"));

        assertThat(log.titles).containsExactly("info", "warning", "high", "critical");
        assertThat(pager.titles).containsExactly("critical");
        assertThat(email.titles).containsExactly("warning", "high");
    }

    @Test
    void a_sink_that_throws_does_not_keep_the_alert_from_the_others_nor_fail_the_caller() {
        Recording log = new Recording();
        AlertSink broken = alert -> {
            throw new IllegalStateException("broken sink");
        };
        RoutingAlertSink sink = RoutingAlertSink.builder().always(broken).always(log).build();

        sink.send(alert(AlertSeverity.CRITICAL, "still logged"));

        assertThat(log.titles).containsExactly("still logged");
    }

    @Test
    void close_closes_the_routed_sinks() {
        Recording pager = new Recording();
        RoutingAlertSink sink = RoutingAlertSink.builder().always(new LoggingAlertSink())
                .atLeast(AlertSeverity.CRITICAL, pager).build();
        sink.close();
        assertThat(pager.closed).isTrue();
    }

    @Test
    void a_router_without_routes_or_a_route_without_severities_is_refused() {
        assertThatThrownBy(() -> RoutingAlertSink.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RoutingAlertSink.builder().only(EnumSet.noneOf(AlertSeverity.class),
                new LoggingAlertSink())).isInstanceOf(IllegalArgumentException.class);
    }
}
