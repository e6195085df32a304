package dev.tradingcore.archfixtures.compliant.domain.port;

/** Compliant: a sealed interface with record implementations, the value a port speaks in. */
public sealed interface BrokerFailure {
    record Rejected(String reason) implements BrokerFailure {}

    record Unreachable(int attempts) implements BrokerFailure {}
}
