package dev.tradingcore.archfixtures.julogging.adapters.alerting;

import java.util.logging.Logger;

/** Violates noJavaUtilLogging. */
public final class JulAlertSink {
    private static final Logger LOG = Logger.getLogger(JulAlertSink.class.getName());

    public void raise(String message) {
        LOG.warning(message);
    }
}
