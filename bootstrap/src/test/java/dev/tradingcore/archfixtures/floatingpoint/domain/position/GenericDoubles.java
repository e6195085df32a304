package dev.tradingcore.archfixtures.floatingpoint.domain.position;

import io.vavr.collection.List;

/** Violates noFloatingPointInDomain: doubles hidden in a type argument. */
public final class GenericDoubles {
    private List<Double> weights = List.empty();

    public int size() {
        return weights.size();
    }
}
