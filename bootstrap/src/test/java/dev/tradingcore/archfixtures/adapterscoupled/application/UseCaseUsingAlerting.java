package dev.tradingcore.archfixtures.adapterscoupled.application;

import dev.tradingcore.archfixtures.adapterscoupled.adapters.alerting.LogSink;

/** Violates adaptersAreIndependent: only bootstrap may see an adapter. */
public final class UseCaseUsingAlerting {
    private final LogSink sink = new LogSink();

    public void run() {
        sink.raise("ran");
    }
}
