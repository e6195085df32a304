package dev.tradingcore.archfixtures.compliant.bootstrap;

import java.time.Instant;

/** Compliant: bootstrap may read the clock and exit the JVM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Instant.now().getEpochSecond() > 0 ? 0 : 1);
    }
}
