package dev.tradingcore.bootstrap.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.metrics.CoreMetrics;
import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.domain.fixtures.TradeBuilder;
import dev.tradingcore.domain.trade.Trade;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vavr.control.Try;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decorators the container wraps around the fill use case (timing, metrics, log context) hand a broker sync
 * round's fills on as one call: the journal books a round as one batch, one transaction, only if it sees the round.
 * Lambdas that implement {@code apply} alone fell back to {@link ApplyFill#applyAll}'s default, one fill at a time.
 */
class FillDecoratorsTest {

    /** The use case underneath: counts how it was called. */
    private static final class RecordingApplyFill implements ApplyFill {
        final List<Integer> batches = new ArrayList<>();
        int singles;

        @Override
        public FillOutcome apply(Trade trade) {
            singles++;
            return new FillOutcome.AlreadyRecorded(trade);
        }

        @Override
        public List<Try<FillOutcome>> applyAll(List<Trade> trades) {
            batches.add(trades.size());
            return trades.stream().map(t -> Try.of(() -> (FillOutcome) new FillOutcome.AlreadyRecorded(t))).toList();
        }
    }

    private static List<Trade> round() {
        return List.of(TradeBuilder.aTrade().withId("t-1").build(), TradeBuilder.aTrade().withId("t-2").build(),
                TradeBuilder.aTrade().withId("t-3").build());
    }

    @Test
    void the_decorated_use_case_passes_a_round_on_as_one_call_and_answers_each_fill() {
        RecordingApplyFill inner = new RecordingApplyFill();
        WriteLatencies latencies = new WriteLatencies();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CoreMetrics metrics = new CoreMetrics(new dev.tradingcore.adapters.metrics.MicrometerMeters(registry));
        // As UseCasesProducer composes them.
        ApplyFill decorated = LoggedFills.of(metrics.measuring(latencies.timing(inner)));

        List<Try<FillOutcome>> outcomes = decorated.applyAll(round());

        assertThat(inner.batches).containsExactly(3);
        assertThat(inner.singles).isZero();
        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o.get()).isInstanceOf(FillOutcome.AlreadyRecorded.class));
        assertThat(outcomes.get(1).get()).extracting(o -> ((FillOutcome.AlreadyRecorded) o).existing().tradeId().value())
                .isEqualTo("t-2");
        // Each fill of the round is timed and counted, as it would be one by one.
        assertThat(latencies.fillsSinceLastInterval().count()).isEqualTo(3);
        assertThat(registry.scrape()).contains("tradingcore_fills_total{outcome=\"duplicate\"} 3.0");
    }

    @Test
    void one_fill_still_goes_through_apply() {
        RecordingApplyFill inner = new RecordingApplyFill();
        ApplyFill decorated = LoggedFills.of(new WriteLatencies().timing(inner));

        decorated.apply(round().get(0));

        assertThat(inner.singles).isEqualTo(1);
        assertThat(inner.batches).isEmpty();
    }
}
