package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command line, run in this JVM through its entry point against one test database (as a user runs it with
 * {@code DATABASE_URL} set), with its exit status and output kept.
 */
final class DatabaseCli {

    record Run(int code, String out, String err) {
    }

    private DatabaseCli() {
    }

    static Run run(String database, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "database.url=" + PostgresServer.get().urlOf(database).jdbcUrl() + "?user="
                + PostgresServer.get().adminUrl().user().orElse("postgres")));
        PostgresServer.get().adminUrl().password().ifPresent(p -> all.addAll(List.of("--set",
                "database.password=" + p)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
