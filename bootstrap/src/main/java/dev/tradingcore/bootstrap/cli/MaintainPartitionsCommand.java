package dev.tradingcore.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Creates partitions ahead and applies retention; safe to run at any time, e.g. from cron. */
@Command(name = "maintain-partitions", mixinStandardHelpOptions = true,
        description = "Create partitions ahead of time and detach/drop those past retention.")
final class MaintainPartitionsCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("not wired yet");
    }
}
