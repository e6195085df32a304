package dev.tradingcore.application.port.in;

/**
 * Settles the orders left in an intermediate state (pending, submitted, partially filled, unknown) with the broker,
 * and records every fill the broker reports that we missed, exactly once.
 */
public interface RecoverOrders {

    OrderRecoveryResult recover();
}
