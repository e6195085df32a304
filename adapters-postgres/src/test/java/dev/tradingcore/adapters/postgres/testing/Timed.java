package dev.tradingcore.adapters.postgres.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call on its own daemon thread and reports how long it took and how it ended; a call that hangs past a
 * generous limit is reported as hung instead of hanging the test run.
 *
 * @param took how long the call ran (the limit, if it hung)
 * @param failure what it threw, if it threw
 * @param hung whether it was still running at the limit
 */
public record Timed<T>(Duration took, Optional<T> value, Optional<Throwable> failure, boolean hung) {

    /** Runs {@code call}, giving up waiting after {@code limit}. */
    public static <T> Timed<T> run(Callable<T> call, Duration limit) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "timed-call");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            Future<T> future = executor.submit(call);
            try {
                T value = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                return new Timed<>(since(started), Optional.ofNullable(value), Optional.empty(), false);
            } catch (ExecutionException e) {
                return new Timed<>(since(started), Optional.empty(), Optional.of(e.getCause()), false);
            } catch (TimeoutException e) {
                future.cancel(true);
                return new Timed<>(since(started), Optional.empty(), Optional.empty(), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Timed<>(since(started), Optional.empty(), Optional.of(e), false);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
