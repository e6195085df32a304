package dev.tradingcore.application.metrics;

import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.port.out.Meters;
import dev.tradingcore.domain.port.BrokerFailure;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core's event measurements: the fill transaction and order submission as latency histograms, fills by
 * outcome, orders by outcome, broker calls by endpoint and result. Every outcome's series exists from the start (at
 * zero), so that a rate or an alert over it has data before the first such event.
 */
public final class CoreMetrics {

    /** The fill transaction (trade, position, order and audit line in one commit, then the cache). */
    public static final String FILL_TRANSACTION = "tradingcore.fill.transaction";
    /** Fills delivered to the core, by outcome. */
    public static final String FILLS = "tradingcore.fills";
    /** Order submission: checks, the order row, the broker's answer, the order's state. */
    public static final String ORDER_SUBMISSION = "tradingcore.order.submission";
    /** Orders submitted, by outcome. */
    public static final String ORDERS = "tradingcore.orders";
    /** Calls to the broker, by endpoint and result. */
    public static final String BROKER_CALL = "tradingcore.broker.call";

    /** Changes of the database breaker's state. */
    public static final String BREAKER_TRANSITIONS = "tradingcore.database.breaker.transitions";

    private final Meters meters;
    private final Meters.Timer fillTransaction;
    private final Map<String, Meters.Counter> fills = new ConcurrentHashMap<>();
    private final Meters.Timer orderSubmission;
    private final Map<String, Meters.Counter> orders = new ConcurrentHashMap<>();
    private final Map<String, Meters.Timer> brokerCalls = new ConcurrentHashMap<>();
    private final Map<String, Meters.Counter> breakerTransitions = new ConcurrentHashMap<>();

    public CoreMetrics(Meters meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.fillTransaction = meters.timer(FILL_TRANSACTION, "Time to book one fill exactly once (one database"
                + " transaction, then the position cache)", Map.of());
        this.orderSubmission = meters.timer(ORDER_SUBMISSION, "Time to submit one order (checks, order row, broker,"
                + " order state)", Map.of());
        for (String state : new String[] {"closed", "open", "half_open"}) {
            breakerTransitions.put(state, meters.counter(BREAKER_TRANSITIONS, "Changes of the database breaker's"
                    + " state, by the state entered", Map.of("to", state)));
        }
        for (String outcome : new String[] {"booked", "duplicate", "refused", "conflicting", "not_recorded"}) {
            fills.put(outcome, meters.counter(FILLS, "Fills delivered to the core, by what became of them",
                    Map.of("outcome", outcome)));
        }
        for (String outcome : new String[] {"accepted", "refused", "rejected_by_broker", "unconfirmed",
                "compensated"}) {
            orders.put(outcome, meters.counter(ORDERS, "Orders submitted, by outcome", Map.of("outcome", outcome)));
        }
    }

    /** One change of the database breaker's state, to {@code state} ("closed", "open", "half_open"). */
    public void breakerTransition(String state) {
        breakerTransitions.computeIfAbsent(state, s -> meters.counter(BREAKER_TRANSITIONS,
                "Changes of the database breaker's state, by the state entered", Map.of("to", s))).increment();
    }

    /**
     * {@code applyFill} with each call timed and its outcome counted. A round's fills go on as one call (the journal
     * books them as one batch): each answered fill is counted, and timed with what the round took, which is how long
     * it waited for its commit.
     */
    public ApplyFill measuring(ApplyFill applyFill) {
        Objects.requireNonNull(applyFill, "applyFill");
        return new ApplyFill() {
            @Override
            public FillOutcome apply(dev.tradingcore.domain.trade.Trade trade) {
                long started = System.nanoTime();
                FillOutcome outcome = applyFill.apply(trade);
                fillTransaction.record(System.nanoTime() - started);
                fills.get(outcomeOf(outcome)).increment();
                return outcome;
            }

            @Override
            public java.util.List<io.vavr.control.Try<FillOutcome>> applyAll(
                    java.util.List<dev.tradingcore.domain.trade.Trade> trades) {
                long started = System.nanoTime();
                java.util.List<io.vavr.control.Try<FillOutcome>> outcomes = applyFill.applyAll(trades);
                long took = System.nanoTime() - started;
                for (io.vavr.control.Try<FillOutcome> outcome : outcomes) {
                    if (outcome.isSuccess()) {
                        fillTransaction.record(took);
                        fills.get(outcomeOf(outcome.get())).increment();
                    }
                }
                return outcomes;
            }
        };
    }

    /** The label of a fill's outcome. */
    static String outcomeOf(FillOutcome outcome) {
        return switch (outcome) {
            case FillOutcome.Applied applied -> "booked";
            case FillOutcome.AlreadyRecorded duplicate -> "duplicate";
            case FillOutcome.Refused refused -> "refused";
            case FillOutcome.Conflict conflict -> "conflicting";
            case FillOutcome.NotRecorded notRecorded -> "not_recorded";
        };
    }

    /** Records one submission that started at {@code startedNanos} ({@link System#nanoTime()}) and its outcome. */
    public SubmitResult submitted(SubmitResult result, long startedNanos) {
        orderSubmission.record(System.nanoTime() - startedNanos);
        orders.get(outcomeOf(result)).increment();
        return result;
    }

    /** The label of an order's outcome. */
    static String outcomeOf(SubmitResult result) {
        return switch (result) {
            case SubmitResult.Accepted accepted -> "accepted";
            case SubmitResult.Refused refused -> "refused";
            case SubmitResult.RejectedByBroker rejected -> "rejected_by_broker";
            case SubmitResult.Unconfirmed unconfirmed -> "unconfirmed";
            case SubmitResult.Compensated compensated -> "compensated";
        };
    }

    /** Records one broker call that started at {@code startedNanos}, with its result ("ok" or the failure's kind). */
    void brokerCalled(String endpoint, String result, long startedNanos) {
        brokerCalls.computeIfAbsent(endpoint + '\u0000' + result, key -> meters.timer(BROKER_CALL,
                "Calls to the broker, by endpoint and result", Map.of("endpoint", endpoint, "result", result)))
                .record(System.nanoTime() - startedNanos);
    }

    /** The label of a broker call's result. */
    static String resultOf(BrokerFailure failure) {
        return switch (failure) {
            case BrokerFailure.Rejected rejected -> "rejected";
            case BrokerFailure.NotFound notFound -> "not_found";
            case BrokerFailure.Timeout timeout -> "timeout";
            case BrokerFailure.ServerError serverError -> "server_error";
            case BrokerFailure.RateLimited rateLimited -> "rate_limited";
            case BrokerFailure.Malformed malformed -> "malformed";
            case BrokerFailure.Unauthorized unauthorized -> "unauthorized";
            case BrokerFailure.ConnectionFailed connectionFailed -> "connection_failed";
        };
    }

    /** Registers the series of a broker endpoint's successful calls at zero, before the first call. */
    void brokerEndpoint(String endpoint) {
        brokerCalls.computeIfAbsent(endpoint + '\u0000' + "ok", key -> meters.timer(BROKER_CALL,
                "Calls to the broker, by endpoint and result", Map.of("endpoint", endpoint, "result", "ok")));
    }
}
