package dev.tradingcore.archfixtures.concreteport.domain.port;

/** Violates portsAreInterfacesOrValues: an abstract class is an implementation in disguise. */
public abstract class AbstractGateway implements BrokerGateway {}
