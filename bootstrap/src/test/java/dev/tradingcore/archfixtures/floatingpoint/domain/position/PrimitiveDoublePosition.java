package dev.tradingcore.archfixtures.floatingpoint.domain.position;

/** Violates noFloatingPointInDomain: a primitive double. */
public final class PrimitiveDoublePosition {
    private double averagePrice;

    public double averagePrice() {
        return averagePrice;
    }
}
