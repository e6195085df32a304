package dev.tradingcore.adapters.postgres.audit.seal;

/** Told how far a long verification has come, to draw a progress bar. */
@FunctionalInterface
public interface VerificationProgress {

    VerificationProgress NONE = (done, expected) -> { };

    /**
     * @param done rows hashed so far
     * @param expected rows expected in all (sealed rows of the blocks checked; an estimate)
     */
    void rows(long done, long expected);
}
