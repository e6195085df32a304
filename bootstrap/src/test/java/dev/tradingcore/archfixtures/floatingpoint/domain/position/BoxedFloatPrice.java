package dev.tradingcore.archfixtures.floatingpoint.domain.position;

/** Violates noFloatingPointInDomain: a boxed Float. */
public final class BoxedFloatPrice {
    private Float price;

    public Float price() {
        return price;
    }
}
