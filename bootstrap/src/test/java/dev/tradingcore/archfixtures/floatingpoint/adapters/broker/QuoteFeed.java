package dev.tradingcore.archfixtures.floatingpoint.adapters.broker;

/** Spared: outside the domain a double is a wire format, not money. */
public final class QuoteFeed {
    private double lastQuote;

    public double lastQuote() {
        return lastQuote;
    }
}
