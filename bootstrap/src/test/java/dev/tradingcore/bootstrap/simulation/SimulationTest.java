package dev.tradingcore.bootstrap.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.core.CorePorts;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerGateway;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seeded simulation of the whole core, CI-sized: sessions on the in-memory ports and on PostgreSQL under every
 * fault kind, each checked against the broker's truth. A failure prints each failing seed and the command that
 * replays it. {@code -Dsimulation.sessions}, {@code .seed}, {@code .steps}, {@code .faults}, {@code .trace} change the
 * in-memory run (e.g. to replay one seed with its trace).
 */
class SimulationTest {

    private static final int SESSIONS = Integer.getInteger("simulation.sessions", 1000);
    private static final int POSTGRES_SESSIONS = Integer.getInteger("simulation.postgres-sessions", 20);
    private static final long FIRST_SEED = Long.getLong("simulation.seed", 1L);
    private static final int STEPS = Integer.getInteger("simulation.steps", 150);
    private static final Set<FaultKind> FAULTS = System.getProperty("simulation.faults") == null
            ? Simulation.ALL_FAULTS
            : Arrays.stream(System.getProperty("simulation.faults").split(",")).filter(s -> !s.isBlank())
                    .map(s -> FaultKind.valueOf(s.strip().toUpperCase(Locale.ROOT)))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class)));

    @Test
    void everySessionOnTheInMemoryStoreMatchesTheBrokersTruth() throws InterruptedException {
        Simulation.Plan plan = new Simulation.Plan(FIRST_SEED, SESSIONS, STEPS, FAULTS, 2,
                Boolean.getBoolean("simulation.trace"));

        SimulationReport report = Simulation.run(plan, seed -> new MemoryStore(), result -> { });

        String summary = report.describe("trading-core simulate");
        System.out.println(summary);
        assertThat(report.sessions()).hasSize(SESSIONS);
        assertThat(report.fillsChecked()).as("fills checked").isGreaterThan(SESSIONS);
        assertThat(report.faults().asMap().keySet()).as("every fault kind allowed was injected somewhere")
                .containsAll(SESSIONS >= 200 ? FAULTS : Set.of());
        assertThat(report.failed()).as(summary).isEmpty();
    }

    @Test
    void everySessionOnPostgresMatchesTheBrokersTruth() throws InterruptedException {
        Simulation.Plan plan = new Simulation.Plan(100_001, POSTGRES_SESSIONS, 100, Simulation.ALL_FAULTS, 2);

        SimulationReport report = Simulation.run(plan, seed -> {
            String database = TemplateDatabase.createFresh();
            return new PostgresStore(PostgresServer.get().urlOf(database), () -> TemplateDatabase.drop(database));
        }, result -> { });

        String summary = report.describe("trading-core simulate");
        System.out.println(summary);
        assertThat(report.sessions()).hasSize(POSTGRES_SESSIONS);
        assertThat(report.faults().of(FaultKind.CORE_CRASH)).as("crashes of the core among the faults").isPositive();
        assertThat(report.fillsChecked()).isGreaterThan(POSTGRES_SESSIONS);
        assertThat(report.failed()).as(summary).isEmpty();
    }

    @Test
    void aSeedReplaysTheSameSession() throws InterruptedException {
        Simulation.Plan plan = new Simulation.Plan(424_242, 3, 150, Simulation.ALL_FAULTS, 1);

        SimulationReport first = Simulation.run(plan, seed -> new MemoryStore(), result -> { });
        SimulationReport again = Simulation.run(plan, seed -> new MemoryStore(), result -> { });

        for (int i = 0; i < 3; i++) {
            SessionResult a = first.sessions().get(i);
            SessionResult b = again.sessions().get(i);
            assertThat(b.faults().asMap()).as("seed " + a.seed()).isEqualTo(a.faults().asMap());
            assertThat(b.submissions()).isEqualTo(a.submissions());
            assertThat(List.of(b.fills(), b.orders(), b.starts())).isEqualTo(List.of(a.fills(), a.orders(),
                    a.starts()));
        }
    }

    /** The check is alive: a journal that drops one fill in ten (answering "recorded") fails the session. */
    @Test
    void aCoreThatLosesFillsFailsItsSessions() throws InterruptedException {
        Simulation.Plan plan = new Simulation.Plan(7, 20, 150, EnumSet.noneOf(FaultKind.class), 2);

        SimulationReport report = Simulation.run(plan, seed -> new LosingFills(), result -> { });

        assertThat(report.failed()).isNotEmpty();
        assertThat(report.failed().get(0).violations()).anySatisfy(v -> assertThat(v).contains("never booked"));
    }

    /** The in-memory store with a fill journal that loses every tenth fill it is given. */
    private static final class LosingFills implements SimulationStore {

        private final MemoryStore store = new MemoryStore();
        private int fills;

        @Override
        public CorePorts ports(BrokerGateway broker, AlertSink alerts, CrashPlan crash, Clock clock) {
            CorePorts ports = store.ports(broker, alerts, crash, clock);
            FillJournal journal = ports.fillJournal();
            FillJournal losing = (trade, booking) -> {
                if (++fills % 10 == 0) {
                    // "Already recorded": the core believes it booked, nothing is stored.
                    return Either.right(new FillRecording.Duplicate(trade));
                }
                return journal.record(trade, booking);
            };
            return new CorePorts(ports.orderJournal(), ports.orders(), losing, ports.positions(), ports.corrections(),
                    ports.trades(), ports.systemState(), ports.riskInputs(), ports.riskSnapshots(), ports.auditLog(),
                    ports.broker(), ports.alerts(), ports.database());
        }

        @Override
        public Contents contents() {
            return store.contents();
        }

        @Override
        public String describe() {
            return "memory, losing fills";
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
