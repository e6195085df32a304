package dev.tradingcore.domain.port;

/** How urgently a person must look: info is for the record, critical means money may be at stake now. */
public enum AlertSeverity {
    INFO, WARNING, HIGH, CRITICAL
}
