package dev.tradingcore.adapters.alerting;

import java.util.function.BooleanSupplier;

/** Waits for a condition a background thread brings about; the bound is a safety net, not a speed check. */
final class Eventually {

    private Eventually() {}

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
