package dev.tradingcore.archfixtures.compliant.domain.port;

/** Compliant: a port is an interface. */
public interface AlertSink {
    void raise(Severity severity, String message);
}
