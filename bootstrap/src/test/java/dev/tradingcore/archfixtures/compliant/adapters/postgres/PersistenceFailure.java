package dev.tradingcore.archfixtures.compliant.adapters.postgres;

/** Compliant: a named exception; its constructor calls RuntimeException's, which is not throwing a generic one. */
public final class PersistenceFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PersistenceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
