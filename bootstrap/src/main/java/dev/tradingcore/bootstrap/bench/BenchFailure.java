package dev.tradingcore.bootstrap.bench;

/** A scenario could not run as designed (a path failed, the data set is not what it should be). */
final class BenchFailure extends IllegalStateException {

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
