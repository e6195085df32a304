package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.state.StartOfDay;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Option;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The trading switch by hand: the only way back on after the kill switch (the daily loss limit) turned it off. The
 * switch is stored, and a running core reads it back every 2 seconds (run: every second); each change is audited with
 * who made it and why.
 */
@Command(name = "trading", mixinStandardHelpOptions = true,
        description = "Turn trading on or off (stored, audited with who and why), or show the switch. A core that is"
                + " running reads it back within 2 seconds. Exit status: 0 done, 2 bad usage or configuration, 3"
                + " failed.")
final class TradingCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "enable, disable or status")
    String action;

    @picocli.CommandLine.Option(names = "--reason", paramLabel = "TEXT",
            description = "Why (kept in the switch and the audit line); required to enable or disable")
    String reason;

    @picocli.CommandLine.Option(names = "--by", paramLabel = "NAME",
            description = "Who turns it (default: the user name of this process)")
    String by = System.getProperty("user.name", "unknown");

    @Override
    public Integer call() throws Exception {
        String what = action.toLowerCase(Locale.ROOT);
        if (!what.equals("enable") && !what.equals("disable") && !what.equals("status")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "ACTION must be enable, disable or"
                    + " status, not '" + action + "'");
        }
        if (!what.equals("status") && (reason == null || reason.isBlank())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--reason is required to " + what
                    + " trading: it is kept with the switch and in the audit trail");
        }
        if (by == null || by.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--by must name who turns it");
        }
        Settings settings = parent.config.load();
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        try (CoreContainer container = CoreContainer.database(settings, new LoggingAlertSink(), clock)) {
            container.get(SchemaMigrator.class).migrateIfBehind();
            PostgresPersistence persistence = container.get(PostgresPersistence.class);
            TradingControls controls = new TradingControls(persistence.systemState(clock), persistence.auditLog(),
                    new LoggingAlertSink(), clock);
            TradingSwitch now = what.equals("status") ? controls.tradingSwitch()
                    : controls.turn(what.equals("enable"), reason, by);
            out.printf("trading %s since %s: %s%n", now.enabled() ? "enabled" : "disabled", now.changedAt(),
                    now.reason());
            Option<StartOfDay> day = persistence.systemState(clock).startOfDay();
            day.forEach(d -> out.printf("trading day %s (%s) began with equity %s%n", d.day(), d.zone(), d.equity()));
            out.flush();
        }
        return 0;
    }
}
