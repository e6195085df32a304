package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery machinery a remote sink shares: a bounded queue that {@link #offer} never blocks on, one sender thread
 * that delivers in order, retries with doubling backoff for retryable failures, and counts what it could not deliver.
 * An alert it gives up on is logged (title and reason) and counted, never thrown: the AlertSink contract.
 */
final class AlertQueue implements AutoCloseable {

    /** One attempt to hand an alert to the target. */
    interface Transport {
        void deliver(Alert alert) throws DeliveryFailure, InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);
    private static final long IDLE_POLL_MILLIS = 200;

    private final String target;
    private final Transport transport;
    private final DeliverySettings settings;
    private final BlockingQueue<Alert> queue;
    private final Thread sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final Object idle = new Object();
    private volatile boolean closing;
    private volatile boolean busy;

    /**
     * @param target the target for logs, without credentials or secret path parts ("webhook https://pager:443")
     */
    AlertQueue(String target, Transport transport, DeliverySettings settings) {
        this.target = Objects.requireNonNull(target, "target");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.sender = new Thread(this::run, "alerts-" + target.replaceAll("[^A-Za-z0-9.:-]", "_"));
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Queues the alert and returns at once; a full queue or a closed sink drops it (counted and logged). */
    void offer(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        if (closing || !queue.offer(alert)) {
            dropped.incrementAndGet();
            String reason = closing ? "the sink is closed" : "the queue is full (" + settings.queueCapacity() + ")";
            lastFailure.set("dropped '" + alert.title() + "': " + reason);
            LOG.warn("alert '{}' ({}) dropped by {}: {}", alert.title(), alert.severity(), target, reason);
        }
    }

    DeliveryStats stats() {
        return new DeliveryStats(delivered.get(), failed.get(), dropped.get(), retries.get(), queue.size(),
                Optional.ofNullable(lastFailure.get()));
    }

    /** Waits until every queued alert was delivered or given up, at most {@code millis}; true when idle. */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (idle) {
            while (!queue.isEmpty() || busy) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.min(left, 50));
            }
        }
        return true;
    }

    private void run() {
        try {
            while (true) {
                Alert alert = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (alert == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                busy = true;
                try {
                    deliver(alert);
                } catch (InterruptedException e) {
                    failed.incrementAndGet();
                    lastFailure.set("'" + alert.title() + "': still being delivered when the sink closed");
                    throw e;
                } finally {
                    busy = false;
                    synchronized (idle) {
                        idle.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Alert alert) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                transport.deliver(alert);
                delivered.incrementAndGet();
                return;
            } catch (DeliveryFailure failure) {
                boolean again = failure.retryable() && attempt < settings.maxAttempts();
                if (!again) {
                    failed.incrementAndGet();
                    String text = "'" + alert.title() + "' after " + attempt + " attempt(s): " + failure.getMessage();
                    lastFailure.set(text);
                    LOG.warn("alert {} ({}) not delivered by {}", text, alert.severity(), target);
                    return;
                }
                retries.incrementAndGet();
                LOG.debug("alert '{}' attempt {} to {} failed, retrying: {}", alert.title(), attempt, target,
                        failure.getMessage());
                Thread.sleep(settings.backoffBefore(attempt + 1).toMillis());
            } catch (RuntimeException unexpected) {
                // A bug in a transport must not kill the sender thread: count it like any undeliverable alert.
                failed.incrementAndGet();
                lastFailure.set("'" + alert.title() + "': " + unexpected);
                LOG.warn("alert '{}' not delivered by {}: unexpected failure", alert.title(), target, unexpected);
                return;
            }
        }
    }

    /**
     * Stops taking alerts, lets the sender deliver what is queued for up to the close timeout, then interrupts it;
     * what is still queued then is counted as dropped.
     */
    @Override
    public void close() {
        closing = true;
        try {
            sender.join(Math.max(1, settings.closeTimeout().toMillis()));
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(1000);
            }
        } catch (InterruptedException e) {
            sender.interrupt();
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.warn("{} alert(s) still queued for {} when it closed were not delivered", left, target);
        }
    }
}
