package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.bootstrap.config.ConfigurationException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The command line users and scripts rely on. Exit status: 0 success, 2 bad configuration or usage, 3 failure. */
@Command(name = "trading-core", mixinStandardHelpOptions = true, version = "trading-core 0.1.0",
        description = "In-process core and PostgreSQL persistence of an algorithmic trading system.",
        subcommands = {RunCommand.class, ReconcileOnlyCommand.class, MigrateCommand.class, StatusCommand.class,
            MaintainPartitionsCommand.class, BackupCommand.class, RestoreCommand.class, BenchCommand.class,
            SimulateCommand.class, PaperExchangeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Configuration comes from --set, then the environment (DATABASE_URL,",
            "DATABASE_PASSWORD, DATABASE_POOL_SIZE, DATABASE_TIMEOUT_SECONDS,",
            "DATABASE_SSL_MODE), then the properties file. Without DATABASE_URL an",
            "embedded PostgreSQL keeps its data in <home>/pgdata; the home",
            "(TRADING_CORE_HOME or --home, default ~/.trading-core) holds everything",
            "kept on disk."})
public final class TradingCoreCommand implements Runnable {

    /** Exit status for a configuration or usage error. */
    public static final int BAD_CONFIGURATION = 2;
    /** Exit status for a failure while working (database unreachable, migration failed...). */
    public static final int FAILED = 3;

    @Mixin
    ConfigOptions config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Parses and runs, turning errors into one clear line and an exit status. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** The command line with its error handling, exposed so tests can capture its output. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new TradingCoreCommand());
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (exception instanceof ConfigurationException) {
                err.println("configuration error: " + exception.getMessage());
                err.flush();
                return BAD_CONFIGURATION;
            }
            err.println("trading-core " + commandLine.getCommandName() + " failed: " + describe(exception));
            err.flush();
            return FAILED;
        });
        return cli;
    }

    /** The chain of causes in one line: what an operator needs without a stack trace. */
    static String describe(Throwable exception) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = exception; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
