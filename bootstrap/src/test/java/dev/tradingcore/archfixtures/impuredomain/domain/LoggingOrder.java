package dev.tradingcore.archfixtures.impuredomain.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Violates domainIsPure: a library that is neither the JDK nor Vavr. */
public final class LoggingOrder {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingOrder.class);

    public void fill() {
        LOG.info("filled");
    }
}
