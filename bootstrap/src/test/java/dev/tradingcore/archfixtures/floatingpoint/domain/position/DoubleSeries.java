package dev.tradingcore.archfixtures.floatingpoint.domain.position;

/** Violates noFloatingPointInDomain: an array of doubles. */
public final class DoubleSeries {
    private double[] returns = new double[0];

    public int size() {
        return returns.length;
    }
}
