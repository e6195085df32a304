package dev.tradingcore.application.order;

import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.risk.OrderRateLimits;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The order storm guard, the first of the pre-trade checks: at most so many orders, and so many refused orders, per
 * second, per symbol and overall ({@link OrderRateLimits}). Past a limit a submission is refused at once with
 * {@code order_rate_limit}: it reaches neither the other checks, nor the database, nor the broker.
 *
 * <p>What a person sees of a storm: ONE alert when the first order is refused by the limit (incident
 * {@value #INCIDENT}), resolved once no order was refused by it for {@link #QUIET}; refusals of every reason counted
 * ({@link #refusalsByReason()}), written to the log at most twice per report period (the first refusal after a quiet
 * period, then one summary line per period) and to the audit trail in aggregate (one {@code orders_refused} row per
 * period with refusals, counts by reason), never one line or row per refusal. A strategy looping on refused orders
 * after a database outage made 12,000-17,000 of them at 500 a second, none logged nor audited.
 *
 * <p>The guard's own refusals are counted by reason but do not count towards the refusal rate: a strategy that sends
 * too fast is throttled to the limits, not locked out. Thread-safe.
 */
public final class OrderRateGuard {

    /** The reason code of a submission refused by the guard. */
    public static final String REFUSED = "order_rate_limit";
    /** The incident key of an order storm. */
    public static final String INCIDENT = "order-storm";
    /** How long without a submission refused by the limit ends the incident. */
    public static final Duration QUIET = Duration.ofSeconds(10);
    /** How often refusals are summed up in the log and the audit trail (only periods that had some). */
    public static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final OrderRateLimits limits;
    private final Incidents incidents;
    private final Consumer<AuditEvent> audit;
    private final Consumer<String> log;
    private final Clock clock;

    private final Window ordersOverall = new Window();
    private final Window refusalsOverall = new Window();
    private final Map<Symbol, Window> ordersBySymbol = new java.util.HashMap<>();
    private final Map<Symbol, Window> refusalsBySymbol = new java.util.HashMap<>();
    private final Map<String, Long> period = new TreeMap<>();
    private final Map<String, Long> total = new TreeMap<>();
    private Instant periodStart;
    private Option<Instant> lastLimited = Option.none();
    private Option<Instant> lastRefusal = Option.none();
    private long limitedInIncident;
    private Instant incidentStart;

    /**
     * @param audit where the aggregate audit events go (the asynchronous audit logger: it waits out an outage)
     * @param log where the log lines go
     */
    public OrderRateGuard(OrderRateLimits limits, Incidents incidents, Consumer<AuditEvent> audit,
            Consumer<String> log, Clock clock) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.incidents = java.util.Objects.requireNonNull(incidents, "incidents");
        this.audit = java.util.Objects.requireNonNull(audit, "audit");
        this.log = java.util.Objects.requireNonNull(log, "log");
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.periodStart = clock.instant();
    }

    /** A guard that never refuses and reports nothing: for cores assembled without one (simulator, benchmarks). */
    public static OrderRateGuard unlimited(Clock clock) {
        return new OrderRateGuard(OrderRateLimits.unlimited(), new Incidents(alert -> { }, clock), event -> { },
                line -> { }, clock);
    }

    public OrderRateLimits limits() {
        return limits;
    }

    /**
     * Lets an order for {@code symbol} through (counting it), or refuses it because a rate is at its limit.
     *
     * @return the refusal, if refused
     */
    public synchronized Option<Rejection> admit(Symbol symbol) {
        Instant now = clock.instant();
        long at = now.toEpochMilli();
        housekeeping(now);
        String why = null;
        int n;
        if ((n = refusalsOverall.count(at)) >= limits.maxRefusalsPerSecond()) {
            why = n + " orders refused in the last second, all symbols (limit " + limits.maxRefusalsPerSecond()
                    + ", trading.max-refusals-per-second)";
        } else if ((n = window(refusalsBySymbol, symbol).count(at)) >= limits.maxRefusalsPerSecondPerSymbol()) {
            why = n + " orders for " + symbol + " refused in the last second (limit "
                    + limits.maxRefusalsPerSecondPerSymbol() + ", trading.max-refusals-per-second-per-symbol)";
        } else if ((n = ordersOverall.count(at)) >= limits.maxOrdersPerSecond()) {
            why = n + " orders in the last second, all symbols (limit " + limits.maxOrdersPerSecond()
                    + ", trading.max-orders-per-second)";
        } else if ((n = window(ordersBySymbol, symbol).count(at)) >= limits.maxOrdersPerSecondPerSymbol()) {
            why = n + " orders for " + symbol + " in the last second (limit " + limits.maxOrdersPerSecondPerSymbol()
                    + ", trading.max-orders-per-second-per-symbol)";
        }
        if (why == null) {
            ordersOverall.add(at);
            window(ordersBySymbol, symbol).add(at);
            return Option.none();
        }
        Rejection rejection = Rejection.of(REFUSED, "order storm guard: " + why + "; orders are taken again once the"
                + " rate is below the limit");
        if (lastLimited.isEmpty()) {
            incidentStart = now;
            limitedInIncident = 0;
        }
        lastLimited = Option.some(now);
        limitedInIncident++;
        count(now, rejection);
        incidents.raise(INCIDENT, AlertSeverity.HIGH, "Order storm: orders refused by the rate limit",
                "Orders are coming faster than the order-rate limits allow (" + why + "). Every order past the limit"
                        + " is refused at once with '" + REFUSED + "' until the rate falls; refusals are counted by"
                        + " reason, summed up in the log and in the audit trail (orders_refused) every "
                        + REPORT_EVERY.toSeconds() + " s. Look at the strategy: it may be looping on refused orders.",
                LinkedHashMap.of("symbol", symbol.value(), "limit", why));
        return Option.some(rejection);
    }

    /** Counts an order refused by another check (risk limit, database unavailable, ...): by reason and in the rate. */
    public synchronized void refused(Symbol symbol, Rejection reason) {
        Instant now = clock.instant();
        housekeeping(now);
        long at = now.toEpochMilli();
        refusalsOverall.add(at);
        window(refusalsBySymbol, symbol).add(at);
        count(now, reason);
    }

    /** Every refusal since the start, by reason code (the guard's own as {@value #REFUSED}). */
    public synchronized Map<String, Long> refusalsByReason() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(total));
    }

    /** Writes what the current period counted now (the core calls it when it stops), and ends a quiet incident. */
    public synchronized void flush() {
        flush(audit);
    }

    /**
     * {@link #flush()}, with this period's audit row going to {@code auditNow} (the core writes it at once when it
     * stops, so that the session's summary counts it).
     */
    public synchronized void flush(Consumer<AuditEvent> auditNow) {
        Instant now = clock.instant();
        report(now, auditNow);
        resolveIfQuiet(now);
    }

    private void count(Instant now, Rejection reason) {
        if (lastRefusal.isEmpty() || !now.isBefore(lastRefusal.get().plus(REPORT_EVERY))) {
            log.accept("order refused (" + reason.code() + "): " + reason.message() + "; further refusals are summed"
                    + " up every " + REPORT_EVERY.toSeconds() + " s");
        }
        lastRefusal = Option.some(now);
        period.merge(reason.code(), 1L, Long::sum);
        total.merge(reason.code(), 1L, Long::sum);
    }

    private void housekeeping(Instant now) {
        if (!now.isBefore(periodStart.plus(REPORT_EVERY))) {
            report(now, audit);
        }
        resolveIfQuiet(now);
    }

    private void report(Instant now, Consumer<AuditEvent> auditTo) {
        if (!period.isEmpty()) {
            long sum = period.values().stream().mapToLong(Long::longValue).sum();
            String byReason = describe(period);
            log.accept(sum + " orders refused from " + periodStart + " to " + now + ": " + byReason
                    + " (since the start: " + describe(total) + ")");
            java.util.List<String> details = new java.util.ArrayList<>(java.util.List.of("from",
                    periodStart.toString(), "to", now.toString(), "refused", Long.toString(sum)));
            period.forEach((code, count) -> {
                details.add("refused_" + code);
                details.add(Long.toString(count));
            });
            auditTo.accept(AuditEvent.of(now, "risk", "orders_refused", AuditSeverity.WARNING,
                    AuditEvent.details(details.toArray(String[]::new))));
            period.clear();
        }
        periodStart = now;
        if (ordersBySymbol.size() > 10_000) {
            ordersBySymbol.clear();
            refusalsBySymbol.clear();
        }
    }

    private void resolveIfQuiet(Instant now) {
        if (lastLimited.isDefined() && !now.isBefore(lastLimited.get().plus(QUIET))) {
            incidents.resolve(INCIDENT, limitedInIncident + " orders were refused by the order-rate limit from "
                    + incidentStart + " to " + lastLimited.get() + "; none for " + QUIET.toSeconds() + " s since.");
            lastLimited = Option.none();
        }
    }

    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static Window window(Map<Symbol, Window> windows, Symbol symbol) {
        return windows.computeIfAbsent(symbol, s -> new Window());
    }

    /** Events in the last second, in ten buckets of 100 ms. */
    private static final class Window {
        private static final int BUCKETS = 10;
        private static final long BUCKET_MILLIS = 100;
        private final long[] ids = new long[BUCKETS];
        private final int[] counts = new int[BUCKETS];

        void add(long epochMillis) {
            long id = epochMillis / BUCKET_MILLIS;
            int slot = (int) Math.floorMod(id, (long) BUCKETS);
            if (ids[slot] != id) {
                ids[slot] = id;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        int count(long epochMillis) {
            long id = epochMillis / BUCKET_MILLIS;
            int sum = 0;
            for (int i = 0; i < BUCKETS; i++) {
                if (ids[i] > id - BUCKETS && ids[i] <= id) {
                    sum += counts[i];
                }
            }
            return sum;
        }
    }
}
