package dev.tradingcore.bootstrap;

import dev.tradingcore.bootstrap.cli.TradingCoreCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The command line, run in this JVM through its entry point as a user runs it, with its output kept. */
final class Cli {

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final List<String> always;

    /** @param always arguments every command gets (the home, the pager...) */
    Cli(List<String> always) {
        this.always = List.copyOf(always);
    }

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(always);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
