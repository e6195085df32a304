package dev.tradingcore.application.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.application.port.in.SnapshotRisk;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.risk.RiskSnapshot;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The periodic snapshots: one per tick while trading is on, none while it is off, and a failure never stops them. */
class PeriodicRiskSnapshotsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private final TradingControls controls = new TradingControls(new InMemorySystemStateRepository(),
            new InMemoryAuditLog(), new RecordingAlertSink(), CLOCK);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<PeriodicRiskSnapshots> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(PeriodicRiskSnapshots::close);
    }

    /** A snapshot use case answering, call after call, what {@code outcomes} say (the last one repeats). */
    private SnapshotRisk risk(List<Supplier<RiskSnapshot>> outcomes) {
        return () -> {
            int n = calls.size();
            calls.add("snapshot " + (n + 1));
            return outcomes.get(Math.min(n, outcomes.size() - 1)).get();
        };
    }

    private PeriodicRiskSnapshots periodic(SnapshotRisk risk, Duration interval) {
        PeriodicRiskSnapshots periodic = new PeriodicRiskSnapshots(risk, controls, interval);
        started.add(periodic);
        return periodic;
    }

    private static RiskSnapshot snapshot() {
        return new RiskSnapshot(T0, Money.of("1000"), Money.of("1000"), Money.ZERO, Money.ZERO, Option.none(),
                Option.none(), Option.none(), 0, Option.none(), TreeMap.empty());
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void a_tick_takes_a_snapshot_while_trading_is_on_and_none_while_it_is_off() {
        PeriodicRiskSnapshots periodic = periodic(risk(List.of(PeriodicRiskSnapshotsTest::snapshot)),
                Duration.ofMinutes(5));

        controls.turn(true, "session");
        periodic.tick();
        periodic.tick();
        controls.turn(false, "halt");
        periodic.tick();

        assertThat(calls).containsExactly("snapshot 1", "snapshot 2");
        assertThat(periodic.snapshotsTaken()).isEqualTo(2);
        assertThat(periodic.snapshotsFailed()).isZero();
    }

    @Test
    void a_failed_snapshot_is_counted_and_the_next_tick_tries_again() {
        PeriodicRiskSnapshots periodic = periodic(risk(List.of(
                () -> {
                    throw new StoreUnavailableException("database unavailable (test)");
                },
                () -> {
                    throw new IllegalStateException("a bug in the snapshot (test)");
                },
                PeriodicRiskSnapshotsTest::snapshot)), Duration.ofMinutes(5));
        controls.turn(true, "session");

        periodic.tick();
        periodic.tick();
        periodic.tick();

        assertThat(calls).hasSize(3);
        assertThat(periodic.snapshotsFailed()).isEqualTo(2);
        assertThat(periodic.snapshotsTaken()).isEqualTo(1);
    }

    @Test
    void started_it_ticks_by_itself_and_an_exception_does_not_end_the_schedule() throws InterruptedException {
        PeriodicRiskSnapshots periodic = periodic(risk(List.of(
                () -> {
                    throw new IllegalStateException("a bug in the snapshot (test)");
                },
                PeriodicRiskSnapshotsTest::snapshot)), Duration.ofMillis(10));
        controls.turn(true, "session");

        periodic.start();

        // A scheduled task that throws is never run again by the executor: the snapshots after the first prove that
        // the failure was caught.
        await(() -> periodic.snapshotsTaken() >= 3, "three snapshots after a failed one");
        assertThat(periodic.snapshotsFailed()).isEqualTo(1);
    }

    @Test
    void closed_it_takes_no_more_snapshots() throws InterruptedException {
        PeriodicRiskSnapshots periodic = periodic(risk(List.of(PeriodicRiskSnapshotsTest::snapshot)),
                Duration.ofMillis(10));
        controls.turn(true, "session");
        periodic.start();
        await(() -> calls.size() >= 2, "two snapshots");

        periodic.close();
        int afterClose = calls.size();
        Thread.sleep(200); // twenty intervals

        assertThat(calls).as("no snapshot after close").hasSize(afterClose);
    }

    @Test
    void the_interval_must_be_positive() {
        SnapshotRisk risk = risk(List.of(PeriodicRiskSnapshotsTest::snapshot));
        assertThatThrownBy(() -> new PeriodicRiskSnapshots(risk, controls, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new PeriodicRiskSnapshots(risk, controls, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
