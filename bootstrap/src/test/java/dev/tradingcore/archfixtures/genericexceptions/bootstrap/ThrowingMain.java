package dev.tradingcore.archfixtures.genericexceptions.bootstrap;

/** Violates noGenericExceptions: Throwable, even in bootstrap. */
public final class ThrowingMain {
    public void run() throws Throwable {
        throw new Throwable("failed");
    }
}
