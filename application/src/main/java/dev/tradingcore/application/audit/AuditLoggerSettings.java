package dev.tradingcore.application.audit;

import java.time.Duration;

/**
 * How the asynchronous audit logger is sized and paced.
 *
 * <p>Memory is bounded by {@code capacity} events in the queue plus {@code maxBatch} events being written: nothing
 * else holds events.
 *
 * @param capacity how many accepted events may wait to be written; a full queue applies back-pressure
 * @param maxBatch at most this many events per {@code AuditLog.appendAll} (one transaction, one round trip)
 * @param linger how long the writer waits, after the first event of a batch, for more to join it; an idle
 *     logger writes a lone event after at most this delay
 * @param offerTimeout how long {@link AsyncAuditLogger#log} waits for room in a full queue before refusing
 * @param retryInitialDelay the wait after the first failed write of a batch; it doubles after each failure
 * @param retryMaxDelay the longest wait between two attempts at the same batch
 * @param shutdownTimeout how long {@link AsyncAuditLogger#close} may take to write what is queued
 * @param alertInterval at most one overflow alert and one write-failure alert per interval
 * @param threadName the name of the writer thread
 */
public record AuditLoggerSettings(
        int capacity,
        int maxBatch,
        Duration linger,
        Duration offerTimeout,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        Duration shutdownTimeout,
        Duration alertInterval,
        String threadName) {

    public AuditLoggerSettings {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("audit logger capacity and batch size must be positive, got "
                    + capacity + " and " + maxBatch);
        }
        requirePositive(linger, "linger");
        requireNotNegative(offerTimeout, "offer timeout");
        requirePositive(retryInitialDelay, "initial retry delay");
        requirePositive(retryMaxDelay, "maximum retry delay");
        if (retryMaxDelay.compareTo(retryInitialDelay) < 0) {
            throw new IllegalArgumentException("the maximum retry delay " + retryMaxDelay
                    + " is shorter than the initial one " + retryInitialDelay);
        }
        requirePositive(shutdownTimeout, "shutdown timeout");
        requireNotNegative(alertInterval, "alert interval");
        if (threadName == null || threadName.isBlank()) {
            throw new IllegalArgumentException("the audit writer thread needs a name");
        }
    }

    /**
     * 10,000 queued events, 500 per batch, 50 ms linger, 100 ms offer wait, retries from 100 ms doubling up to 5 s,
     * 10 s to flush on shutdown, one alert of each kind per minute.
     */
    public static AuditLoggerSettings defaults() {
        return new AuditLoggerSettings(10_000, 500, Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(1),
                "audit-logger");
    }

    public AuditLoggerSettings withCapacity(int value) {
        return new AuditLoggerSettings(value, maxBatch, linger, offerTimeout, retryInitialDelay, retryMaxDelay,
                shutdownTimeout, alertInterval, threadName);
    }

    public AuditLoggerSettings withMaxBatch(int value) {
        return new AuditLoggerSettings(capacity, value, linger, offerTimeout, retryInitialDelay, retryMaxDelay,
                shutdownTimeout, alertInterval, threadName);
    }

    public AuditLoggerSettings withLinger(Duration value) {
        return new AuditLoggerSettings(capacity, maxBatch, value, offerTimeout, retryInitialDelay, retryMaxDelay,
                shutdownTimeout, alertInterval, threadName);
    }

    public AuditLoggerSettings withOfferTimeout(Duration value) {
        return new AuditLoggerSettings(capacity, maxBatch, linger, value, retryInitialDelay, retryMaxDelay,
                shutdownTimeout, alertInterval, threadName);
    }

    public AuditLoggerSettings withRetryDelays(Duration initial, Duration max) {
        return new AuditLoggerSettings(capacity, maxBatch, linger, offerTimeout, initial, max, shutdownTimeout,
                alertInterval, threadName);
    }

    public AuditLoggerSettings withShutdownTimeout(Duration value) {
        return new AuditLoggerSettings(capacity, maxBatch, linger, offerTimeout, retryInitialDelay, retryMaxDelay,
                value, alertInterval, threadName);
    }

    public AuditLoggerSettings withAlertInterval(Duration value) {
        return new AuditLoggerSettings(capacity, maxBatch, linger, offerTimeout, retryInitialDelay, retryMaxDelay,
                shutdownTimeout, value, threadName);
    }

    public AuditLoggerSettings withThreadName(String value) {
        return new AuditLoggerSettings(capacity, maxBatch, linger, offerTimeout, retryInitialDelay, retryMaxDelay,
                shutdownTimeout, alertInterval, value);
    }

    private static void requirePositive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the audit logger's " + what + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(Duration value, String what) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("the audit logger's " + what + " must not be negative, got " + value);
        }
    }
}
