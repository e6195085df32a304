package dev.tradingcore.archfixtures.standardstreams.application;

/** Violates noStandardStreams: System.out. */
public final class PrintingUseCase {
    public void run() {
        System.out.println("ran");
    }
}
