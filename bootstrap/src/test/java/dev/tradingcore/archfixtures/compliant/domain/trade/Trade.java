package dev.tradingcore.archfixtures.compliant.domain.trade;

import dev.tradingcore.archfixtures.compliant.domain.order.OrderId;
import java.math.BigDecimal;

/** Compliant: trade depends on order, never the other way round. */
public record Trade(OrderId orderId, BigDecimal price, long quantity) {}
