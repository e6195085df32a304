package dev.tradingcore.bootstrap.config;

/** A configuration value is missing or wrong; the message names the setting and its environment variable. */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
