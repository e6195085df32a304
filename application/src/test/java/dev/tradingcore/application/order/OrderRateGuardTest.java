package dev.tradingcore.application.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.risk.OrderRateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a person sees of an order storm: the log gets the first refusal and then one summary line per period, never a
 * line per refusal; the audit trail one aggregate row per period with refusals; the pager one alert per incident,
 * resolved once the storm has been quiet. The clock is the test's.
 */
class OrderRateGuardTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Rejection DOWN = Rejection.of("database_unavailable", "no new orders while the database is"
            + " unavailable");

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T15:00:00Z"));
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final List<String> log = new ArrayList<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private final OrderRateGuard guard = new OrderRateGuard(new OrderRateLimits(100, 50, 10, 10),
            new Incidents(alerts, clock), audit::add, log::add, clock);

    @Test
    void a_storm_of_refusals_at_500_a_second_for_30_seconds_logs_a_few_lines_audits_a_row_per_period_alerts_once() {
        int limited = 0;
        for (int second = 0; second < 30; second++) {
            for (int i = 0; i < 500; i++) {
                if (guard.admit(AAPL).isDefined()) {
                    limited++;
                } else {
                    guard.refused(AAPL, DOWN);
                }
                clock.advance(Duration.ofMillis(2));
            }
        }
        guard.flush();

        assertThat(limited).as("10 a second reach the checks, the rest is refused at the door")
                .isEqualTo(15_000 - 300);
        assertThat(guard.refusalsByReason()).containsEntry("database_unavailable", 300L)
                .containsEntry(OrderRateGuard.REFUSED, 14_700L);
        assertThat(log).as("the first refusal, then one line per 10 s period: %s", log).hasSize(4);
        assertThat(log.get(1)).contains("orders refused from").contains("database_unavailable")
                .contains(OrderRateGuard.REFUSED);
        assertThat(audit).as("one aggregate row per period").hasSize(3);
        assertThat(audit).allMatch(e -> e.action().equals("orders_refused"));
        assertThat(audit.stream().mapToLong(e -> Long.parseLong(e.details().get("refused").get())).sum())
                .as("every refusal in the rows").isEqualTo(15_000);
        assertThat(alerts.titles()).as("one alert for the storm").containsExactly(
                "Order storm: orders refused by the rate limit");

        clock.advance(Duration.ofSeconds(11));
        assertThat(guard.admit(AAPL)).as("quiet: orders pass again").isEmpty();
        assertThat(alerts.titles()).as("resolved once").containsExactly(
                "Order storm: orders refused by the rate limit", "Resolved: Order storm: orders refused by the rate"
                        + " limit");
    }

    @Test
    void per_symbol_and_overall_order_rates_are_each_a_limit() {
        OrderRateGuard tight = new OrderRateGuard(new OrderRateLimits(5, 3, 10, 10), new Incidents(alerts, clock),
                audit::add, log::add, clock);
        Symbol msft = Symbol.of("MSFT");
        Symbol goog = Symbol.of("GOOG");
        assertThat(List.of(tight.admit(AAPL).isEmpty(), tight.admit(AAPL).isEmpty(), tight.admit(AAPL).isEmpty(),
                tight.admit(AAPL).isEmpty())).as("3 a second for one symbol").containsExactly(true, true, true, false);
        assertThat(List.of(tight.admit(msft).isEmpty(), tight.admit(msft).isEmpty(), tight.admit(goog).isEmpty()))
                .as("5 a second overall").containsExactly(true, true, false);
        assertThat(tight.admit(goog).get().message()).contains("trading.max-orders-per-second");
        clock.advance(Duration.ofMillis(1001));
        assertThat(tight.admit(goog)).as("a second later").isEmpty();
    }
}
