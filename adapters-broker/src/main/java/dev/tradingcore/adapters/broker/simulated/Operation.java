package dev.tradingcore.adapters.broker.simulated;

/** The broker calls a fault can be aimed at. */
public enum Operation {
    SUBMIT,
    CANCEL,
    ORDER_BY_ID,
    ORDER_BY_CLIENT_ORDER_ID,
    OPEN_ORDERS,
    POSITIONS,
    FILLS,
    ACCOUNT
}
