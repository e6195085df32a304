package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.bootstrap.config.ConfigurationException;
import dev.tradingcore.bootstrap.database.DatabaseUnreachableException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The command line users and scripts rely on. Exit status: 0 success, 2 bad configuration or usage, 3 failure. */
@Command(name = "trading-core", mixinStandardHelpOptions = true, version = "trading-core 0.1.0",
        description = "In-process core and PostgreSQL persistence of an algorithmic trading system.",
        subcommands = {RunCommand.class, ReconcileOnlyCommand.class, MigrateCommand.class, StatusCommand.class,
            MaintainPartitionsCommand.class, BackupCommand.class, RestoreCommand.class, BenchCommand.class,
            SimulateCommand.class, PaperExchangeCommand.class, ReportCommand.class, TradingCommand.class,
            AuditCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Configuration comes from --set, then the environment (DATABASE_URL,",
            "DATABASE_PASSWORD, DATABASE_POOL_SIZE, DATABASE_TIMEOUT_SECONDS,",
            "DATABASE_SSL_MODE), then the properties file; an unknown setting is an",
            "error. Every setting: README.md, Configuration. Without DATABASE_URL an",
            "embedded PostgreSQL keeps its data in <home>/pgdata; the home",
            "(TRADING_CORE_HOME or --home, default ~/.trading-core) holds everything",
            "kept on disk.",
            "Exit status: 0 done, 2 bad usage or configuration, 3 failed (and see",
            "each command's --help)."})
public final class TradingCoreCommand implements Runnable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TradingCoreCommand.class);

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
        return newCommandLine(System.getenv());
    }

    /**
     * The command line reading its settings from {@code environment} instead of the process's, so that tests can
     * set environment variables without touching the real ones.
     */
    public static CommandLine newCommandLine(Map<String, String> environment) {
        TradingCoreCommand root = new TradingCoreCommand();
        CommandLine cli = new CommandLine(root);
        root.config.environment = Map.copyOf(environment);
        // A usage error is one line and where to read more, never the whole help (25 lines that bury the error);
        // of picocli's suggestions, the first is the nearest.
        cli.setParameterExceptionHandler((exception, args) -> {
            CommandLine commandLine = exception.getCommandLine();
            String suggestions = exception instanceof UnmatchedArgumentException unmatched
                    && !unmatched.getSuggestions().isEmpty()
                            ? " (did you mean " + unmatched.getSuggestions().get(0) + "?)" : "";
            return usageError(commandLine, oneLine(exception.getMessage()) + suggestions);
        });
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof ConfigurationException) {
                    return usageError(commandLine, "configuration error: " + oneLine(t.getMessage()));
                }
            }
            // The whole chain, stack traces and driver dumps, goes to the log at debug level, never to the console.
            LOG.debug("{} failed", qualifiedName(commandLine), exception);
            PrintWriter err = commandLine.getErr();
            err.println(qualifiedName(commandLine) + " failed: " + describe(exception));
            err.flush();
            return FAILED;
        });
        return cli;
    }

    private static int usageError(CommandLine commandLine, String line) {
        PrintWriter err = commandLine.getErr();
        err.println(qualifiedName(commandLine) + ": " + line);
        err.println("see '" + qualifiedName(commandLine) + " --help'");
        err.flush();
        return BAD_CONFIGURATION;
    }

    /** "trading-core run": the command as typed, for messages. */
    static String qualifiedName(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName();
    }

    /**
     * The chain of causes in one line: what an operator needs without a stack trace. A message that says it all
     * ({@link DatabaseUnreachableException}) stands alone; of others, each cause's first line is kept (drivers and
     * Flyway add multi-line dumps), and a cause repeating what was already said is left out.
     */
    static String describe(Throwable exception) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnreachableException) {
                return oneLine(t.getMessage());
            }
            String message = mybatisCause(oneLine(t.getMessage()));
            // An empty message says nothing (it made "run failed: " with no reason); MyBatis' framing ("### Error
            // updating database ...") is a dump, not a reason: the driver's message comes with the cause.
            if (message.isEmpty() || message.startsWith("###")) {
                continue;
            }
            if (text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        if (text.isEmpty()) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                text.append(text.isEmpty() ? "" : " caused by ").append(t.getClass().getSimpleName());
            }
            text.append(" with no message (its stack trace is in the log at debug level; please report it)");
        }
        return text.toString();
    }

    /** "### Error updating database.  Cause: org.postgresql.util.PSQLException: ERROR: ..." reads as the cause. */
    private static String mybatisCause(String line) {
        int cause = line.indexOf("Cause: ");
        if (!line.startsWith("###") || cause < 0) {
            return line;
        }
        String rest = line.substring(cause + "Cause: ".length());
        int colon = rest.indexOf(": ");
        // Drop the exception's class name ("org.postgresql.util.PSQLException: "): the message is the reason.
        return colon > 0 && !rest.substring(0, colon).contains(" ") ? rest.substring(colon + 2) : rest;
    }

    /** The first non-blank line of a message, stripped. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
