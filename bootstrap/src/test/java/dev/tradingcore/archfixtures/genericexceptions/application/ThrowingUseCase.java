package dev.tradingcore.archfixtures.genericexceptions.application;

/** Violates noGenericExceptions: RuntimeException. */
public final class ThrowingUseCase {
    public void run() {
        throw new RuntimeException("failed");
    }
}
