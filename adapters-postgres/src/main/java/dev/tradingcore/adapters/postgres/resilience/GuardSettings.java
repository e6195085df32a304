package dev.tradingcore.adapters.postgres.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How the database guard's circuit breaker and retries are tuned.
 *
 * @param slidingWindowSize the last calls the breaker judges the database by (count-based)
 * @param minimumNumberOfCalls calls needed in the window before the breaker may open, so that one lost
 *     connection at start-up does not open it
 * @param failureRatePercent share of connection failures in the window that opens the breaker
 * @param slowCallDuration a call at least this long counts as slow; tie it to the pool timeout, since a call that
 *     took the whole timeout was waiting on a database that did not answer
 * @param slowCallRatePercent share of slow calls in the window that opens the breaker
 * @param waitInOpenState how long the breaker fails calls fast before it probes the database again by itself
 * @param permittedCallsInHalfOpenState calls let through to probe the database; all must succeed to close
 * @param maxAttempts attempts of a retryable call (1 = no retry)
 * @param initialBackoff the wait before the first retry, doubled for each next one, with 50% jitter
 * @param maxBackoff the longest wait between two attempts
 */
public record GuardSettings(int slidingWindowSize, int minimumNumberOfCalls, float failureRatePercent,
        Duration slowCallDuration, float slowCallRatePercent, Duration waitInOpenState,
        int permittedCallsInHalfOpenState, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public GuardSettings {
        Objects.requireNonNull(slowCallDuration, "slowCallDuration");
        Objects.requireNonNull(waitInOpenState, "waitInOpenState");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (slidingWindowSize < 1 || minimumNumberOfCalls < 1 || minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("need 1 <= minimumNumberOfCalls <= slidingWindowSize, got "
                    + minimumNumberOfCalls + " and " + slidingWindowSize);
        }
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)
                || !(slowCallRatePercent > 0 && slowCallRatePercent <= 100)) {
            throw new IllegalArgumentException("rates are percentages in (0, 100], got " + failureRatePercent
                    + " and " + slowCallRatePercent);
        }
        if (!slowCallDuration.isPositive() || !waitInOpenState.isPositive() || !initialBackoff.isPositive()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("durations must be positive and maxBackoff >= initialBackoff");
        }
        if (permittedCallsInHalfOpenState < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("permittedCallsInHalfOpenState and maxAttempts must be at least 1");
        }
    }

    /**
     * Settings for a database whose pools wait at most {@code timeout}: judge the last 10 calls once 5 were made,
     * open at 50% connection failures or when every call in the window took the whole timeout, stay open 5
     * seconds, probe with 2 calls, retry a fast connection failure twice (50 ms, then 100 ms, jittered, at most 1 s).
     */
    public static GuardSettings forTimeout(Duration timeout) {
        return new GuardSettings(10, 5, 50f, timeout, 100f, Duration.ofSeconds(5), 2, 3, Duration.ofMillis(50),
                Duration.ofSeconds(1));
    }

    /** These settings with another time in the open state. */
    public GuardSettings withWaitInOpenState(Duration wait) {
        return new GuardSettings(slidingWindowSize, minimumNumberOfCalls, failureRatePercent, slowCallDuration,
                slowCallRatePercent, wait, permittedCallsInHalfOpenState, maxAttempts, initialBackoff, maxBackoff);
    }

    /** These settings with another number of attempts for a retryable call. */
    public GuardSettings withMaxAttempts(int attempts) {
        return new GuardSettings(slidingWindowSize, minimumNumberOfCalls, failureRatePercent, slowCallDuration,
                slowCallRatePercent, waitInOpenState, permittedCallsInHalfOpenState, attempts, initialBackoff,
                maxBackoff);
    }
}
