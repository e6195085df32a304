package dev.tradingcore.archfixtures.impuredomain.domain;

import io.vavr.collection.List;
import java.math.BigDecimal;
import java.time.Instant;

/** Spared: JDK values, Vavr collections, primitives and arrays. */
public record PureOrder(BigDecimal quantity, List<Instant> amendments, int[] legs) {
    @Override
    public String toString() {
        return "PureOrder" + legs.length;
    }
}
