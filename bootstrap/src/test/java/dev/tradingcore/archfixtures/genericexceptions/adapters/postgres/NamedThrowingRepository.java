package dev.tradingcore.archfixtures.genericexceptions.adapters.postgres;

/** Spared: throws a named exception. */
public final class NamedThrowingRepository {
    public void save() {
        throw new PersistenceFailure("failed");
    }
}
