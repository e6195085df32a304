package dev.tradingcore.archfixtures.concreteport.domain.port;

/** Violates portsAreInterfacesOrValues: a concrete class in a port package. */
public final class GatewaySupport {
    public String normalise(String order) {
        return order.trim();
    }
}
