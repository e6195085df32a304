package dev.tradingcore.archfixtures.compliant.application;

import dev.tradingcore.archfixtures.compliant.domain.order.Order;
import dev.tradingcore.archfixtures.compliant.domain.order.OrderRepository;
import dev.tradingcore.archfixtures.compliant.domain.port.BrokerFailure;
import dev.tradingcore.archfixtures.compliant.domain.port.BrokerGateway;
import dev.tradingcore.archfixtures.compliant.application.port.in.SubmitOrder;
import dev.tradingcore.archfixtures.compliant.application.port.in.SubmitOrderCommand;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Compliant: a use case driving the domain through its ports, with an injected clock and a nanoTime stopwatch. */
public final class SubmittingOrder implements SubmitOrder {
    private final OrderRepository orders;
    private final BrokerGateway broker;
    private final Clock clock;

    public SubmittingOrder(OrderRepository orders, BrokerGateway broker, Clock clock) {
        this.orders = orders;
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    public Either<BrokerFailure, String> submit(SubmitOrderCommand command) {
        long started = System.nanoTime();
        Order order = command.order();
        orders.save(order);
        Instant submittedAt = Instant.now(clock);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return broker.submit(order).map(id -> id + "@" + submittedAt + " in " + took);
    }
}
