package dev.tradingcore.bootstrap.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a run of sessions found, printed the same way by the command and the tests. */
record SimulationReport(Simulation.Plan plan, List<SessionResult> sessions, Duration elapsed) {

    List<SessionResult> failed() {
        return sessions.stream().filter(s -> !s.passed()).toList();
    }

    long fillsChecked() {
        return sessions.stream().mapToLong(SessionResult::fills).sum();
    }

    long ordersChecked() {
        return sessions.stream().mapToLong(SessionResult::orders).sum();
    }

    long violations() {
        return sessions.stream().mapToLong(s -> s.violations().size()).sum();
    }

    FaultCounts faults() {
        FaultCounts total = new FaultCounts();
        sessions.forEach(s -> total.addAll(s.faults()));
        return total;
    }

    /** The summary lines: sessions, faults by kind, fills checked, violations, and a replay line per failure. */
    String describe(String replayCommand) {
        StringBuilder text = new StringBuilder();
        double seconds = elapsed.toMillis() / 1000.0;
        text.append(String.format(Locale.ROOT, "simulation: %d sessions (seeds %d..%d, %d steps each, %s store) in "
                + "%.1f s, %.0f sessions/min%n", sessions.size(), plan.firstSeed(),
                plan.firstSeed() + sessions.size() - 1, plan.steps(),
                sessions.isEmpty() ? "-" : sessions.get(0).store(), seconds,
                seconds == 0 ? 0 : sessions.size() * 60 / seconds));
        text.append(String.format(Locale.ROOT, "checked: %d orders, %d fills; core starts %d%n", ordersChecked(),
                fillsChecked(), sessions.stream().mapToLong(SessionResult::starts).sum()));
        java.util.Map<String, Integer> submissions = new java.util.TreeMap<>();
        sessions.forEach(s -> s.submissions().forEach((k, v) -> submissions.merge(k, v, Integer::sum)));
        text.append("submissions by outcome: ").append(submissions).append('\n');
        text.append("faults injected by kind:\n");
        for (Map.Entry<FaultKind, Long> entry : faults().asMap().entrySet()) {
            text.append(String.format(Locale.ROOT, "  %-22s %9d  (%s)%n", entry.getKey().name().toLowerCase(Locale.ROOT),
                    entry.getValue(), entry.getKey().description()));
        }
        text.append(String.format(Locale.ROOT, "violations: %d in %d session(s)%n", violations(), failed().size()));
        for (SessionResult failed : failed().subList(0, Math.min(20, failed().size()))) {
            text.append("  seed ").append(failed.seed()).append(": replay with: ").append(replayCommand)
                    .append(" --seed ").append(failed.seed()).append(" --sessions 1 --steps ").append(plan.steps())
                    .append(failed.store().equals("memory") ? "" : " --database").append('\n');
            failed.violations().forEach(v -> text.append("    - ").append(v).append('\n'));
        }
        return text.toString();
    }
}
