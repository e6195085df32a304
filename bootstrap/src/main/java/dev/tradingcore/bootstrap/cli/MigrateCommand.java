package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import java.time.Clock;
import dev.tradingcore.bootstrap.config.Settings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Brings the database to this build's schema, then prints its status. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending schema migrations, create current partitions, then print the status.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.config.load();
        PrintWriter out = spec.commandLine().getOut();
        try (CoreContainer core = CoreContainer.database(settings, new LoggingAlertSink(), Clock.systemUTC())) {
            SchemaMigrator.Migration migration = core.get(SchemaMigrator.class).migrate();
            out.printf("migrated %s: %d script(s) applied, schema version %s -> %s%n", settings.describeDatabase(),
                    migration.scriptsApplied(), migration.fromVersion() == null ? "none" : migration.fromVersion(),
                    migration.toVersion() == null ? core.get(SchemaMigrator.class).currentVersion()
                            : migration.toVersion());
            StatusReport.print(core, settings, out);
        }
        return 0;
    }
}
