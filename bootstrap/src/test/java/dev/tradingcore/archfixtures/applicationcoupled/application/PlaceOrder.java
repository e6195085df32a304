package dev.tradingcore.archfixtures.applicationcoupled.application;

import dev.tradingcore.archfixtures.applicationcoupled.domain.Order;
import io.vavr.control.Option;

/** Spared: a use case seeing the domain and Vavr only. */
public final class PlaceOrder {
    public Option<Order> place(String id) {
        return Option.of(new Order(id));
    }
}
