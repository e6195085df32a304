package dev.tradingcore.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.port.out.Meters;
import dev.tradingcore.application.support.ScriptedBroker;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.port.BrokerFailure;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** What the core counts, by label, as a metrics registry would receive it. */
class CoreMetricsTest {

    /** Counts per "name{tags}"; timers count their recordings. */
    static final class RecordingMeters implements Meters {
        final Map<String, Long> counts = new TreeMap<>();

        private static String key(String name, Map<String, String> tags) {
            return name + new TreeMap<>(tags);
        }

        @Override
        public Timer timer(String name, String help, Map<String, String> tags) {
            counts.putIfAbsent(key(name, tags), 0L);
            return nanos -> counts.merge(key(name, tags), 1L, Long::sum);
        }

        @Override
        public Counter counter(String name, String help, Map<String, String> tags) {
            counts.putIfAbsent(key(name, tags), 0L);
            return () -> counts.merge(key(name, tags), 1L, Long::sum);
        }

        @Override
        public void counting(String name, String help, Map<String, String> tags, DoubleSupplier total) {
            counts.putIfAbsent(key(name, tags), 0L);
        }

        @Override
        public void gauge(String name, String help, String unit, Map<String, String> tags, DoubleSupplier value) {
            counts.putIfAbsent(key(name, tags), 0L);
        }
    }

    private final RecordingMeters meters = new RecordingMeters();
    private final CoreMetrics metrics = new CoreMetrics(meters);

    @Test
    void every_outcome_exists_at_zero_before_the_first_event() {
        assertThat(meters.counts).containsEntry("tradingcore.fills{outcome=conflicting}", 0L)
                .containsEntry("tradingcore.fills{outcome=duplicate}", 0L)
                .containsEntry("tradingcore.orders{outcome=compensated}", 0L)
                .containsEntry("tradingcore.database.breaker.transitions{to=open}", 0L);
    }

    @Test
    void a_submission_is_timed_and_counted_by_its_outcome() {
        metrics.submitted(new SubmitResult.Refused(Rejection.of("order_rate_limit", "too many")), System.nanoTime());

        assertThat(meters.counts).containsEntry("tradingcore.orders{outcome=refused}", 1L)
                .containsEntry("tradingcore.orders{outcome=accepted}", 0L)
                .containsEntry("tradingcore.order.submission{}", 1L);
    }

    @Test
    void broker_calls_are_counted_by_endpoint_and_result() {
        ScriptedBroker scripted = new ScriptedBroker();
        MeasuredBroker broker = new MeasuredBroker(scripted, metrics);

        broker.positions();
        scripted.thenCancel(io.vavr.control.Either.left(new BrokerFailure.Timeout(Duration.ofSeconds(1))));
        broker.cancel(BrokerOrderId.of("b-1"));

        assertThat(meters.counts).containsEntry("tradingcore.broker.call{endpoint=positions, result=ok}", 1L)
                .containsEntry("tradingcore.broker.call{endpoint=submit, result=ok}", 0L)
                .containsEntry("tradingcore.broker.call{endpoint=cancel, result=timeout}", 1L)
                .containsEntry("tradingcore.broker.call{endpoint=cancel, result=ok}", 0L);
        assertThat(CoreMetrics.resultOf(new BrokerFailure.Timeout(Duration.ofSeconds(1)))).isEqualTo("timeout");
    }
}
