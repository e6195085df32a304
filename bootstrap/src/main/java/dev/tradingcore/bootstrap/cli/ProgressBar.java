package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.audit.seal.VerificationProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A progress bar on stderr for long verifications: redrawn in place on a terminal; elsewhere (a log, a pipe), a
 * plain line every 10 seconds, so that a short run prints nothing and a long one shows it is alive.
 */
final class ProgressBar implements VerificationProgress {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration LINE_EVERY = Duration.ofSeconds(10);
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final boolean terminal;
    private final Clock clock;
    private final Instant started;
    private Instant lastLine;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean enabled, Clock clock) {
        this.err = err;
        this.enabled = enabled;
        this.terminal = System.console() != null;
        this.clock = clock;
        this.started = clock.instant();
        this.lastLine = started;
    }

    @Override
    public void rows(long done, long expected) {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(started, now).compareTo(QUIET) < 0) {
            return;
        }
        long percent = expected <= 0 ? 100 : Math.min(100, done * 100 / expected);
        if (terminal) {
            int filled = (int) (percent * WIDTH / 100);
            err.print("\rverifying [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% "
                    + String.format("%,d", done) + " rows");
            err.flush();
            drawn = true;
        } else if (Duration.between(lastLine, now).compareTo(LINE_EVERY) >= 0) {
            err.printf("verifying: %,d of about %,d rows (%d%%)%n", done, expected, percent);
            err.flush();
            lastLine = now;
        }
    }

    /** Ends the bar's line, if one was drawn. */
    void done() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
