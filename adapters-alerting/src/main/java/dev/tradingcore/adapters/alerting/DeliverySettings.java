package dev.tradingcore.adapters.alerting;

import java.time.Duration;
import java.util.Objects;

/**
 * How a remote sink (webhook, e-mail) delivers: every bound is finite, so that a sink that cannot reach its target
 * costs a bounded queue and one thread, never the caller's time.
 *
 * @param queueCapacity alerts waiting for the sender thread; when full, a new alert is dropped and counted (the log
 *     sink beside it still has it)
 * @param maxAttempts attempts per alert, the first included
 * @param initialBackoff wait before the second attempt; doubled for each further one
 * @param maxBackoff the longest wait between two attempts
 * @param connectTimeout the longest a connection attempt may take
 * @param requestTimeout the longest one attempt may take once connected (HTTP response, each SMTP reply)
 * @param closeTimeout how long {@code close()} lets the sender deliver what is queued before giving up on it
 */
public record DeliverySettings(int queueCapacity, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        Duration connectTimeout, Duration requestTimeout, Duration closeTimeout) {

    public DeliverySettings {
        if (queueCapacity < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("queue capacity and attempts must be at least 1, got " + queueCapacity
                    + " and " + maxAttempts);
        }
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, connectTimeout, requestTimeout, closeTimeout}) {
            Objects.requireNonNull(d, "durations");
            if (d.isNegative()) {
                throw new IllegalArgumentException("delivery durations must not be negative, got " + d);
            }
        }
        if (connectTimeout.isZero() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("connect and request timeouts must be positive");
        }
    }

    /**
     * 100 queued alerts, 4 attempts 1 s, 2 s, 4 s apart, 5 s to connect, 10 s per attempt, 5 s to drain on close: an
     * alert is given up about 50 s after it was raised at worst.
     */
    public static DeliverySettings defaults() {
        return new DeliverySettings(100, 4, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public DeliverySettings withQueueCapacity(int value) {
        return new DeliverySettings(value, maxAttempts, initialBackoff, maxBackoff, connectTimeout, requestTimeout,
                closeTimeout);
    }

    public DeliverySettings withAttempts(int value, Duration initial, Duration max) {
        return new DeliverySettings(queueCapacity, value, initial, max, connectTimeout, requestTimeout, closeTimeout);
    }

    public DeliverySettings withTimeouts(Duration connect, Duration request) {
        return new DeliverySettings(queueCapacity, maxAttempts, initialBackoff, maxBackoff, connect, request,
                closeTimeout);
    }

    public DeliverySettings withCloseTimeout(Duration value) {
        return new DeliverySettings(queueCapacity, maxAttempts, initialBackoff, maxBackoff, connectTimeout,
                requestTimeout, value);
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    Duration backoffBefore(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 2; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
