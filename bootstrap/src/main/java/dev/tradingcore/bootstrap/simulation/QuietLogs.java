package dev.tradingcore.bootstrap.simulation;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences the core's own logging while sessions run: a session provokes thousands of broker failures a minute on
 * purpose, and the adapter logs each one. What a session finds is in its report, not in the log.
 */
final class QuietLogs implements AutoCloseable {

    private final Logger logger;
    private final Level before;

    private QuietLogs(Logger logger) {
        this.logger = logger;
        this.before = logger.getLevel();
        logger.setLevel(Level.OFF);
    }

    /** Silences {@code dev.tradingcore} until closed; a no-op when the logging backend is not logback. */
    static AutoCloseable silence() {
        if (LoggerFactory.getLogger("dev.tradingcore") instanceof Logger logback) {
            return new QuietLogs(logback);
        }
        return () -> { };
    }

    @Override
    public void close() {
        logger.setLevel(before);
    }
}
