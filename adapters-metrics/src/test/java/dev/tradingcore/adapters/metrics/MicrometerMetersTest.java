package dev.tradingcore.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.out.Meters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The application's meters as Prometheus reads them: names, units, buckets below a millisecond. */
class MicrometerMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Meters meters = new MicrometerMeters(registry);

    @Test
    void a_timer_is_a_histogram_in_seconds_whose_buckets_start_at_50_microseconds() {
        Meters.Timer timer = meters.timer("tradingcore.fill.transaction", "fills", Map.of());
        timer.record(TimeUnit.MICROSECONDS.toNanos(60));
        timer.record(TimeUnit.MICROSECONDS.toNanos(40));
        timer.record(TimeUnit.MILLISECONDS.toNanos(3));

        String text = registry.scrape();

        assertThat(text).contains("tradingcore_fill_transaction_seconds_bucket{le=\"5.0E-5\"} 1")
                .contains("tradingcore_fill_transaction_seconds_bucket{le=\"1.0E-4\"} 2")
                .contains("tradingcore_fill_transaction_seconds_bucket{le=\"0.005\"} 3")
                .contains("tradingcore_fill_transaction_seconds_bucket{le=\"+Inf\"} 3")
                .contains("tradingcore_fill_transaction_seconds_count 3");
    }

    @Test
    void counters_end_in_total_and_gauges_carry_their_unit() {
        meters.counter("tradingcore.fills", "fills", Map.of("outcome", "booked")).increment();
        AtomicLong batches = new AtomicLong(7);
        meters.counting("tradingcore.audit.batches", "batches", Map.of(), batches::get);
        meters.gauge("tradingcore.risk.daily.pnl", "pnl", "dollars", Map.of(), () -> -12.5);
        meters.gauge("tradingcore.trading.enabled", "switch", "", Map.of(), () -> 1);

        String text = registry.scrape();

        assertThat(text).contains("tradingcore_fills_total{outcome=\"booked\"} 1.0")
                .contains("tradingcore_audit_batches_total 7.0")
                .contains("tradingcore_risk_daily_pnl_dollars -12.5")
                .contains("tradingcore_trading_enabled 1.0");
    }
}
