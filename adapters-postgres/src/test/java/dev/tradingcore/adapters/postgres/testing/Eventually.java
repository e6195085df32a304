package dev.tradingcore.adapters.postgres.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, polling, until something observable becomes true, and fails the test if it does not within a limit. */
public final class Eventually {

    private Eventually() {}

    /** Polls {@code condition} every 20 ms for at most {@code limit}; throws an AssertionError naming {@code what}. */
    public static void within(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
