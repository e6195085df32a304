package dev.tradingcore.archfixtures.compliant.adapters.broker;

import dev.tradingcore.archfixtures.compliant.domain.order.Order;
import dev.tradingcore.archfixtures.compliant.domain.port.BrokerFailure;
import dev.tradingcore.archfixtures.compliant.domain.port.BrokerGateway;
import io.vavr.control.Either;

/** Compliant: a double outside the domain (a simulation knob, not money) is allowed. */
public final class SimulatedBroker implements BrokerGateway {
    private final double fillProbability;

    public SimulatedBroker(double fillProbability) {
        this.fillProbability = fillProbability;
    }

    @Override
    public Either<BrokerFailure, String> submit(Order order) {
        return fillProbability > 0
                ? Either.right(order.id().value())
                : Either.left(new BrokerFailure.Rejected("closed"));
    }
}
