package dev.tradingcore.archfixtures.compliant.domain.port;

import dev.tradingcore.archfixtures.compliant.domain.order.Order;
import io.vavr.control.Either;

/** Compliant: a port is an interface. */
public interface BrokerGateway {
    Either<BrokerFailure, String> submit(Order order);
}
