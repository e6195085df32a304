package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Start-up recovery and nothing else: settles the orders left open with the broker, records the fills missed, then
 * reconciles positions with the broker, and exits with a status that says what it found.
 */
@Command(name = "reconcile-only", mixinStandardHelpOptions = true,
        description = "Recover orders and missed fills, reconcile positions with the broker, then exit."
                + " Exit status: 0 nothing differed, 1 something was corrected, 2 bad usage or configuration, 3 failed,"
                + " 4 could not reconcile (do not trade).")
final class ReconcileOnlyCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions brokerOptions;

    @Override
    public Integer call() {
        brokerOptions.validate();
        Settings settings = parent.config.load();
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        TradingCore.Builder builder = TradingCore.builder().settings(settings).clock(clock).backgroundJobs(false)
                .monitoring(false);
        BrokerOptions.Opened broker = brokerOptions.applyTo(builder, settings, clock);
        out.printf("trading-core reconcile-only: database %s%n", settings.describeDatabase());
        out.flush();
        try (TradingCore core = StartedCore.start(builder, "reconcile-only", spec)) {
            StartedCore.describe(core, broker, out);
            RecoveryReport report = core.recoveryReport();
            out.printf("reconciliation: %s%n", report.outcome().name().toLowerCase(Locale.ROOT));
            report.summary().forEach(line -> out.printf("  %s%n", line));
            out.flush();
            return report.outcome().exitCode();
        } catch (StartedCore.Refused refused) {
            return refused.exitCode();
        } finally {
            broker.save();
        }
    }
}
