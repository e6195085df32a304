package dev.tradingcore.domain.order;

import dev.tradingcore.domain.common.Rejection;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Where an order is in its life, with the moves between states written down as a table.
 *
 * <p>The intermediate states are {@link #PENDING} (saved, not yet acknowledged by the broker), {@link #SUBMITTED}
 * (working at the broker, nothing filled), {@link #PARTIAL_FILL} (working, partly filled) and {@link #UNKNOWN}
 * (the broker answered with a state we cannot map; reconciliation resolves it). The terminal states are
 * {@link #FILLED}, {@link #CANCELLED}, {@link #REJECTED} and {@link #EXPIRED}.
 *
 * <p>Terminal means no further status change is asked for. It does not mean no further fill: a cancel or an
 * expiry can race an execution at the exchange, and the fill that won the race still arrives. Such a late fill
 * is applied to a cancelled or expired order (see {@link Order#applyFill}); if it completes the quantity, the
 * order ends {@link #FILLED}, which is why {@code CANCELLED -> FILLED} and {@code EXPIRED -> FILLED} are in the
 * table.
 */
public enum OrderStatus {
    PENDING("pending"),
    SUBMITTED("submitted"),
    PARTIAL_FILL("partial_fill"),
    FILLED("filled"),
    CANCELLED("cancelled"),
    REJECTED("rejected"),
    EXPIRED("expired"),
    /** The broker reported a state that has no meaning here (e.g. suspended, replaced); to be resolved. */
    UNKNOWN("unknown");

    /** From each state, the states it may move to. Anything else is an illegal transition. */
    private static final Map<OrderStatus, Set<OrderStatus>> TRANSITIONS = HashMap.ofEntries(
            Map.entry(PENDING, HashSet.of(SUBMITTED, PARTIAL_FILL, FILLED, CANCELLED, REJECTED, EXPIRED, UNKNOWN)),
            Map.entry(SUBMITTED, HashSet.of(PARTIAL_FILL, FILLED, CANCELLED, REJECTED, EXPIRED, UNKNOWN)),
            Map.entry(PARTIAL_FILL, HashSet.of(PARTIAL_FILL, FILLED, CANCELLED, EXPIRED, UNKNOWN)),
            Map.entry(UNKNOWN, HashSet.of(UNKNOWN, SUBMITTED, PARTIAL_FILL, FILLED, CANCELLED, REJECTED, EXPIRED)),
            Map.entry(FILLED, HashSet.empty()),
            Map.entry(CANCELLED, HashSet.of(FILLED)),
            Map.entry(REJECTED, HashSet.empty()),
            Map.entry(EXPIRED, HashSet.of(FILLED)));

    private final String code;

    OrderStatus(String code) {
        this.code = code;
    }

    /** The value stored in {@code orders.status}. */
    public String code() {
        return code;
    }

    /** Still possibly working at the broker: it can fill, and it counts as open exposure. */
    public boolean isOpen() {
        return this == PENDING || this == SUBMITTED || this == PARTIAL_FILL || this == UNKNOWN;
    }

    /** Done: no status change is expected any more (late fills aside, see the class comment). */
    public boolean isTerminal() {
        return !isOpen();
    }

    /** Whether the table allows moving from this state to {@code target}. */
    public boolean canMoveTo(OrderStatus target) {
        return TRANSITIONS.get(this).map(targets -> targets.contains(target)).getOrElse(false);
    }

    /** The move to {@code target}, or a rejection saying why it is illegal. */
    public Either<Rejection, OrderStatus> moveTo(OrderStatus target) {
        if (canMoveTo(target)) {
            return Either.right(target);
        }
        return Either.left(Rejection.of("illegal_transition",
                "an order that is " + code + " cannot become " + target.code + (isTerminal()
                        ? " (" + code + " is final)"
                        : "")));
    }

    /** The states reachable from this one in a single move. */
    public Set<OrderStatus> successors() {
        return TRANSITIONS.get(this).getOrElse(HashSet.empty());
    }

    public static Option<OrderStatus> fromCode(String code) {
        for (OrderStatus status : values()) {
            if (status.code.equals(code)) {
                return Option.some(status);
            }
        }
        return Option.none();
    }
}
