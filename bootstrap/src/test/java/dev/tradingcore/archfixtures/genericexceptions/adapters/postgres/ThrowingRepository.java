package dev.tradingcore.archfixtures.genericexceptions.adapters.postgres;

/** Violates noGenericExceptions: Exception. */
public final class ThrowingRepository {
    public void save() throws Exception {
        throw new Exception("failed");
    }
}
