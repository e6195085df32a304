package dev.tradingcore.archfixtures.compliant.application.port.in;

import dev.tradingcore.archfixtures.compliant.domain.order.Order;

/** Compliant: a command record next to its inbound port. */
public record SubmitOrderCommand(Order order) {}
