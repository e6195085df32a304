package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.application.recovery.LedgerBinding;
import dev.tradingcore.bootstrap.TradingCore;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** What the trading commands ({@code run}, {@code reconcile-only}) say and do around starting the core. */
final class StartedCore {

    private StartedCore() {}

    /** The command ends without trading, with this exit status; what to do was printed. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int exitCode;

        Refused(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /**
     * Starts the core; a ledger that follows another broker account is a usage error (exit 2): the operator chooses
     * another database or to adopt the broker, and nothing was changed.
     */
    static TradingCore start(TradingCore.Builder builder, String command, CommandSpec spec) {
        try {
            return builder.start();
        } catch (TradingCore.LedgerBoundElsewhere elsewhere) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("trading-core " + command + " refused: " + elsewhere.getMessage());
            err.flush();
            throw new Refused(TradingCoreCommand.BAD_CONFIGURATION);
        }
    }

    /** The one line that says which ledger and which broker state the command uses. */
    static void describe(TradingCore core, BrokerOptions.Opened broker, PrintWriter out) {
        LedgerBinding.Outcome binding = core.brokerBinding();
        out.printf("ledger %s: broker %s; %s%n", core.ledgerId(), broker.description(), binding.describe());
        core.metricsAddress().ifPresent(a -> out.printf("metrics on http://%s:%d/metrics (health: /health/live,"
                + " /health/ready)%n", a.getHostString(), a.getPort()));
        out.flush();
    }

    /** An incomplete start-up recovery: no order is placed, and the operator is told why and what to do. */
    static void refuseToTrade(TradingCore core, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("trading-core run placed no order: " + core.ordersHeld().get());
        err.println("  what to do: make the broker (or the database) reachable, then run again; or run reconcile-only"
                + " with the same options until it exits 0 or 1. To trade anyway: --trade-despite-incomplete-recovery"
                + " (audited).");
        err.flush();
    }
}
