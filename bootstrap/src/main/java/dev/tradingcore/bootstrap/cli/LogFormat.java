package dev.tradingcore.bootstrap.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Puts the log in the configured format ({@code LOG_FORMAT}, {@code log.format}: text or json). logback.xml chooses
 * it at start from {@code -Dlog.format} or the environment; a format set in the properties file or with
 * {@code --set} is only known once the settings are read, so then the same logback.xml is loaded again with it.
 * Nothing happens under another logging configuration (a test's logback-test.xml has no format to switch).
 */
final class LogFormat {

    /** The context property logback.xml records its format in. */
    private static final String PROPERTY = "FORMAT";

    private LogFormat() {}

    static void use(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        String current = context.getProperty(PROPERTY);
        URL configuration = ConfigurationWatchListUtil.getMainWatchURL(context);
        if (current == null || current.equals(format) || configuration == null) {
            return;
        }
        System.setProperty(SettingsLoader.LOG_FORMAT, format);
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            // logback has recorded why in its status list; the log stays as logback left it.
            LoggerFactory.getLogger(LogFormat.class).warn("could not switch the log to {}: {}", format,
                    e.getMessage());
        }
    }

    /** Writes out what the asynchronous appenders still hold and stops logging; for the end of the process. */
    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
