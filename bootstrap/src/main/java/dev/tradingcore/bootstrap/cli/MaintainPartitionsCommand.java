package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance;
import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import dev.tradingcore.bootstrap.config.Settings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Creates partitions ahead and applies retention; safe to run at any time and concurrently, e.g. from cron. */
@Command(name = "maintain-partitions", mixinStandardHelpOptions = true,
        description = "Create partitions ahead of time, move rows out of default partitions, and detach (trades,"
                + " audit) or drop (market data) partitions past retention.")
final class MaintainPartitionsCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Maintain as if it were this instant (ISO-8601, e.g. 2027-01-01T00:00:00Z); default now."
                    + " Retention never runs ahead of the database's own clock.")
    Instant asOf;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.config.load();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("database %s%n", settings.describeDatabase());
        try (CoreContainer core = CoreContainer.database(settings, new LoggingAlertSink(), Clock.systemUTC())) {
            Instant now = asOf != null ? asOf : core.get(Clock.class).instant();
            List<PartitionMaintenance.Action> actions = core.get(PartitionMaintenance.class).maintain(now);
            if (actions.isEmpty()) {
                out.printf("partitions as of %s: everything already in place%n", now);
            }
            for (PartitionMaintenance.Action a : actions) {
                out.printf("%-9s %-18s %-32s %s .. %s%s%n", a.kind().name().toLowerCase(java.util.Locale.ROOT),
                        a.table(), a.partition(), a.rangeFrom(), a.rangeTo(),
                        a.rows().isPresent() ? " (" + a.rows().getAsLong() + " rows)" : "");
            }
        }
        return 0;
    }
}
