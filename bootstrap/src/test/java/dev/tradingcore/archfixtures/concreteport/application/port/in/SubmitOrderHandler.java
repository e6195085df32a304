package dev.tradingcore.archfixtures.concreteport.application.port.in;

/** Violates portsAreInterfacesOrValues: an implementation in an inbound port package. */
public final class SubmitOrderHandler {
    public void handle(String order) {}
}
