package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import java.time.Clock;
import dev.tradingcore.bootstrap.config.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prints schema version, pool state, replication, partitions and table sizes, changing nothing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print schema version, pool state, replication (primary, standbys, sync state, lag), partitions,"
                + " table sizes and row counts. Changes nothing.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--exact", description = "Count the rows of every table, the big ones too"
            + " (by default a table of a million rows or more shows the planner's estimate, marked ~)")
    boolean exact;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.config.load();
        try (CoreContainer core = CoreContainer.database(settings, new LoggingAlertSink(), Clock.systemUTC())) {
            StatusReport.print(core, settings, spec.commandLine().getOut(), exact);
        }
        return 0;
    }
}
