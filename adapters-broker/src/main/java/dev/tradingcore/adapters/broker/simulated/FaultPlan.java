package dev.tradingcore.adapters.broker.simulated;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which calls fail, and how: scripted faults first (the next call of an operation gets the fault queued for it), then
 * seeded random ones (each call fails with probability {@code perMille}/1000, with a kind drawn from {@code kinds}).
 * The random draw depends only on the seed and the number of calls so far, so the same seed and the same sequence of
 * calls fail the same way. Also carries the latency added to every call and the delay of a {@link Fault#TIMEOUT}
 * over HTTP.
 */
public final class FaultPlan {

    private final long seed;
    private final int perMille;
    private final List<Fault> kinds;
    private final Duration latency;
    private final Duration delay;
    private final Map<Operation, Deque<Fault>> scripted = new EnumMap<>(Operation.class);
    private long calls;

    /**
     * @param perMille the chance in thousandths that a call fails at random (0: only scripted faults)
     * @param kinds the kinds a random fault is drawn from
     * @param latency added before every call is answered
     * @param delay how late a {@link Fault#TIMEOUT} answers over HTTP
     */
    public FaultPlan(long seed, int perMille, List<Fault> kinds, Duration latency, Duration delay) {
        if (perMille < 0 || perMille > 1000) {
            throw new IllegalArgumentException("the fault rate must be 0 to 1000 per mille, not " + perMille);
        }
        if (perMille > 0 && (kinds == null || kinds.isEmpty())) {
            throw new IllegalArgumentException("random faults need at least one kind");
        }
        if (latency == null || latency.isNegative() || delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("latency and delay must be zero or more");
        }
        this.seed = seed;
        this.perMille = perMille;
        this.kinds = kinds == null ? List.empty() : kinds;
        this.latency = latency;
        this.delay = delay;
    }

    /** No faults, no latency. */
    public static FaultPlan none() {
        return new FaultPlan(0, 0, List.empty(), Duration.ZERO, Duration.ZERO);
    }

    /** Random faults of the given kinds, no latency, HTTP delays of 3 s. */
    public static FaultPlan random(long seed, int perMille, Fault... kinds) {
        return new FaultPlan(seed, perMille, List.of(kinds), Duration.ZERO, Duration.ofSeconds(3));
    }

    /** Queues a fault for the next call of {@code operation}; returns this plan. */
    public synchronized FaultPlan script(Operation operation, Fault fault) {
        scripted.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(fault);
        return this;
    }

    /** The fault for this call of {@code operation}, if any. */
    public synchronized Option<Fault> next(Operation operation) {
        long call = ++calls;
        Deque<Fault> queue = scripted.get(operation);
        if (queue != null && !queue.isEmpty()) {
            return Option.some(queue.poll());
        }
        if (perMille > 0 && DeterministicIds.below(seed, "fault", call, 0, 1000) < perMille) {
            return Option.some(kinds.get(DeterministicIds.below(seed, "fault", call, 1, kinds.size())));
        }
        return Option.none();
    }

    public Duration latency() {
        return latency;
    }

    public Duration delay() {
        return delay;
    }
}
