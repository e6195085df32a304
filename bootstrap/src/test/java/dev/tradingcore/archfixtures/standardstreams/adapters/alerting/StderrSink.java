package dev.tradingcore.archfixtures.standardstreams.adapters.alerting;

/** Violates noStandardStreams: System.err. */
public final class StderrSink {
    public void raise(String message) {
        System.err.println(message);
    }
}
