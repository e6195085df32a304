package dev.tradingcore.archfixtures.compliant.domain.order;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Compliant: exact numbers, Vavr results, primitives, arrays of primitives and of our own types, JDK annotations,
 * a lambda, and time read from an injected clock.
 */
public record Order(OrderId id, BigDecimal quantity, OrderStatus status, long[] fillSizes, int revision) {

    public Order {
        Objects.requireNonNull(id, "id");
        fillSizes = fillSizes.clone();
    }

    public Either<String, Order> cancel() {
        return status.isTerminal()
                ? Either.left("already " + status)
                : Either.right(new Order(id, quantity, OrderStatus.CANCELLED, fillSizes, revision + 1));
    }

    public Option<Instant> expiry(Clock clock, boolean dayOrder) {
        return Option.when(dayOrder, () -> Instant.now(clock));
    }

    public static Order[] none() {
        return new Order[0];
    }

    @Override
    @SuppressWarnings("deprecation")
    public String toString() {
        return "Order[" + id.value() + "]";
    }
}
