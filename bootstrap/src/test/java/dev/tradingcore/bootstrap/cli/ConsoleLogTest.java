package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.ExceptionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console log of the shipped configuration ({@code logback.xml}) gives one line per event: during a database
 * outage the pool logs a broken connection and MyBatis a failed rollback with the driver's exception, each a page of
 * stack trace and mapper dump that buried the one line saying what to do. The whole event goes to the debug log in
 * the home instead.
 */
class ConsoleLogTest {

    @TempDir
    Path home;

    @Test
    void a_library_warning_with_a_stack_trace_is_one_line_on_the_console_and_whole_in_the_debug_log()
            throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        String before = System.getProperty("TRADING_CORE_HOME");
        System.setProperty("TRADING_CORE_HOME", home.toString());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(ConsoleLogTest.class.getResource("/logback.xml"));
            // The console appender as configured (pattern, filter), writing where the test can read it.
            ((ch.qos.logback.core.ConsoleAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .getAppender("STDERR")).setOutputStream(console);
            SQLException driver = new SQLException("An I/O error occurred while sending to the backend.", "08006");
            RuntimeException mapper = ExceptionFactory.wrapException("Error updating database.  Cause: " + driver,
                    driver);
            context.getLogger("org.apache.ibatis.executor.BaseExecutor").warn(
                    "Unexpected exception on closing transaction.  Cause: " + mapper.getMessage(), mapper);
        } finally {
            context.stop();
            if (before == null) {
                System.clearProperty("TRADING_CORE_HOME");
            } else {
                System.setProperty("TRADING_CORE_HOME", before);
            }
        }

        String printed = console.toString(StandardCharsets.UTF_8);
        String status = context.getStatusManager().getCopyOfStatusList().toString();
        assertThat(printed.lines().toList()).as("%s\nlogback: %s", printed, status).hasSize(1);
        assertThat(printed).contains("Unexpected exception on closing transaction").doesNotContain("###")
                .doesNotContain("\tat ");
        String debugLog = Files.readString(home.resolve("logs").resolve("trading-core.log"));
        assertThat(debugLog).contains("### Error updating database").contains("\tat ")
                .contains("An I/O error occurred while sending to the backend.");
    }
}
