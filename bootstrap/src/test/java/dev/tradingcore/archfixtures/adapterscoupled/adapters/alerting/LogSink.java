package dev.tradingcore.archfixtures.adapterscoupled.adapters.alerting;

/** Spared: an adapter on its own. */
public final class LogSink {
    public void raise(String message) {}
}
