package dev.tradingcore.application.port.in;

/** Places an order: checks, records it pending, sends it to the broker, records the broker's answer. */
public interface SubmitOrder {

    SubmitResult submit(OrderTicket ticket);
}
