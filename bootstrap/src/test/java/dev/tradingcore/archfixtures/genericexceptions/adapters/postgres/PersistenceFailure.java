package dev.tradingcore.archfixtures.genericexceptions.adapters.postgres;

/** Spared: a named exception calling its super constructor. */
public final class PersistenceFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PersistenceFailure(String message) {
        super(message);
    }
}
