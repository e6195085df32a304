package dev.tradingcore.archfixtures.concreteport.domain.port;

/** Spared: a sealed interface with record implementations. */
public sealed interface BrokerFailure {
    record Rejected(String reason) implements BrokerFailure {}

    record Unreachable(int attempts) implements BrokerFailure {}
}
