package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.DatabaseActivity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The design's "query execution time > 1 second" (warning): statements of the core's pools running longer than the
 * threshold at the tick ({@code pg_stat_activity}, {@code clock_timestamp() - query_start}). A statement that ran
 * 1.5 s and finished between two ticks is not seen here; PostgreSQL's {@code log_min_duration_statement} is the
 * record of those. Once raised, a statement running longer than the resolve level ({@link Hysteresis}: 0.9 s for
 * 1 s) keeps the incident open (marginal): one query, for the statements longer than that level.
 */
public final class SlowQueryCheck implements HealthCheck {

    static final String KEY = "slow-queries";

    /** Statements running longer than a threshold now. */
    @FunctionalInterface
    public interface Running {
        List<DatabaseActivity.RunningQuery> longerThan(Duration threshold) throws Exception;
    }

    private final Running running;
    private final Duration threshold;
    private final Duration resolveLevel;

    /** With the design's resolve margin ({@link Hysteresis#DESIGN}). */
    public SlowQueryCheck(Running running, Duration threshold) {
        this(running, threshold, Hysteresis.DESIGN);
    }

    public SlowQueryCheck(Running running, Duration threshold, Hysteresis hysteresis) {
        this.running = Objects.requireNonNull(running, "running");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.resolveLevel = hysteresis.under(threshold);
    }

    @Override
    public String name() {
        return "slow-queries";
    }

    @Override
    public boolean needsDatabase() {
        return true;
    }

    @Override
    public List<Condition> check() throws Exception {
        List<DatabaseActivity.RunningQuery> nearly = running.longerThan(resolveLevel);
        List<DatabaseActivity.RunningQuery> slow = nearly.stream()
                .filter(q -> q.runningFor().compareTo(threshold) > 0).toList();
        boolean marginal = slow.isEmpty();
        if (marginal) {
            slow = nearly;
        }
        if (slow.isEmpty()) {
            return List.of();
        }
        DatabaseActivity.RunningQuery longest = slow.get(0);
        for (DatabaseActivity.RunningQuery q : slow) {
            if (q.runningFor().compareTo(longest.runningFor()) > 0) {
                longest = q;
            }
        }
        String text = longest.query().replaceAll("\\s+", " ").strip();
        Condition condition = Condition.of(KEY, AlertSeverity.WARNING,
                "Queries running longer than " + seconds(threshold),
                slow.size() + " statement(s) of the core have been running longer than " + seconds(threshold)
                        + "; the longest, " + seconds(longest.runningFor()) + " on " + longest.applicationName()
                        + " (pid " + longest.pid() + "): " + text,
                "count", Integer.toString(slow.size()), "longest_ms", Long.toString(longest.runningFor().toMillis()),
                "pid", Integer.toString(longest.pid()), "application_name", longest.applicationName());
        return List.of(marginal ? condition.asMarginal() : condition);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
