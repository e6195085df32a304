package dev.tradingcore.archfixtures.compliant.application.port.in;

import dev.tradingcore.archfixtures.compliant.domain.port.BrokerFailure;
import io.vavr.control.Either;

/** Compliant: an inbound port is an interface. */
public interface SubmitOrder {
    Either<BrokerFailure, String> submit(SubmitOrderCommand command);
}
