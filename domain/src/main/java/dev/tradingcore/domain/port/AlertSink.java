package dev.tradingcore.domain.port;

/**
 * Where alerts go (log, webhook, pager). Sending must not fail the caller's work: an implementation that cannot
 * deliver records that it could not, and returns.
 */
public interface AlertSink {

    void send(Alert alert);
}
