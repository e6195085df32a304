package dev.tradingcore.bootstrap.simulation;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Which broker faults one session suffers, and how often: each kind the session allows is switched on or off by the
 * seed and given its own rate, so that some sessions see many faults of few kinds (swarm testing: a rare kind is not
 * drowned by the others). Streak kinds (a broker restart, rotated keys) last a drawn number of calls.
 */
final class BrokerFaults {

    /** The kinds drawn per broker request. */
    static final Set<FaultKind> PER_REQUEST = EnumSet.of(FaultKind.TIMEOUT, FaultKind.ANSWER_LOST,
            FaultKind.SLOW_ACK, FaultKind.UNAUTHORIZED, FaultKind.FORBIDDEN, FaultKind.RATE_LIMITED,
            FaultKind.SERVER_ERROR, FaultKind.SERVER_ERROR_AFTER, FaultKind.MALFORMED, FaultKind.DUPLICATE_ACTIVITY,
            FaultKind.SHUFFLED_ACTIVITIES, FaultKind.BROKER_RESTART, FaultKind.FILL_AFTER_CANCEL);

    private final Random random;
    private final Map<FaultKind, Integer> perMille = new EnumMap<>(FaultKind.class);
    private final FaultCounts counts;
    private boolean enabled = true;
    private int downFor;
    private int unauthorizedFor;

    /**
     * @param allowed the kinds this run may inject (the command line's --faults)
     */
    BrokerFaults(Random random, Set<FaultKind> allowed, FaultCounts counts) {
        this.random = random;
        this.counts = counts;
        for (FaultKind kind : PER_REQUEST) {
            if (allowed.contains(kind) && random.nextBoolean()) {
                int rate = switch (kind) {
                    case BROKER_RESTART, UNAUTHORIZED -> 1 + random.nextInt(8);
                    default -> 5 + random.nextInt(60);
                };
                perMille.put(kind, rate);
            }
        }
    }

    /** Faults stop (the quiet end of a session); streaks end. */
    void disable() {
        enabled = false;
        downFor = 0;
        unauthorizedFor = 0;
    }

    void enable() {
        enabled = true;
    }

    boolean isEnabled() {
        return enabled;
    }

    boolean allows(FaultKind kind) {
        return perMille.containsKey(kind);
    }

    /** The session's rates, for the replay line. */
    Map<FaultKind, Integer> rates() {
        return new EnumMap<>(perMille);
    }

    /**
     * The fault for one request, or null.
     *
     * @param applicable the kinds that make sense for this request
     */
    FaultKind draw(Set<FaultKind> applicable) {
        if (!enabled) {
            return null;
        }
        if (downFor > 0) {
            downFor--;
            counts.add(FaultKind.BROKER_RESTART);
            return FaultKind.BROKER_RESTART;
        }
        if (unauthorizedFor > 0) {
            unauthorizedFor--;
            counts.add(FaultKind.UNAUTHORIZED);
            return FaultKind.UNAUTHORIZED;
        }
        for (Map.Entry<FaultKind, Integer> entry : perMille.entrySet()) {
            FaultKind kind = entry.getKey();
            if (applicable.contains(kind) && random.nextInt(1000) < entry.getValue()) {
                if (kind == FaultKind.BROKER_RESTART) {
                    downFor = random.nextInt(30);
                } else if (kind == FaultKind.UNAUTHORIZED) {
                    unauthorizedFor = random.nextInt(30);
                }
                counts.add(kind);
                return kind;
            }
        }
        return null;
    }
}
