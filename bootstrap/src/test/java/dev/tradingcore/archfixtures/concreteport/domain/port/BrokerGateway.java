package dev.tradingcore.archfixtures.concreteport.domain.port;

/** Spared: a port is an interface. */
public interface BrokerGateway {
    BrokerFailure submit(String order);
}
