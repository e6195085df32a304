package dev.tradingcore.archfixtures.julogging.adapters.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Spared: SLF4J. */
public final class Slf4jAlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(Slf4jAlertSink.class);

    public void raise(String message) {
        LOG.warn(message);
    }
}
