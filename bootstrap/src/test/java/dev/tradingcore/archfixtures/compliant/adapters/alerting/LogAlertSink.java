package dev.tradingcore.archfixtures.compliant.adapters.alerting;

import dev.tradingcore.archfixtures.compliant.domain.port.AlertSink;
import dev.tradingcore.archfixtures.compliant.domain.port.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compliant: an adapter logs through SLF4J. */
public final class LogAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(LogAlertSink.class);

    @Override
    public void raise(Severity severity, String message) {
        LOG.warn("{}: {}", severity, message);
    }
}
