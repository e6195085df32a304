package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command takes to find its configuration. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Properties file (default: ./trading-core.properties when present).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Override one setting, e.g. --set database.pool-size=10. Beats the environment and the file.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of everything kept on disk: the embedded database, the simulations' state"
                    + " (default: TRADING_CORE_HOME, else ~/.trading-core). Same as --set trading-core.home=DIR.")
    Path home;

    /** The process environment, or the one a test gives {@link TradingCoreCommand#newCommandLine(Map)}. */
    Map<String, String> environment = System.getenv();

    /** Reads the settings from the command line, the environment and the file, and puts the log in their format. */
    Settings load() {
        SettingsLoader loader = SettingsLoader.of(Optional.ofNullable(configFile), withHome(), environment);
        Settings settings = loader.load();
        LogFormat.use(loader.logFormat());
        return settings;
    }

    /** The configured directory of pg_dump and pg_restore ({@code BACKUP_PG_BIN_DIR}), if any. */
    Optional<Path> backupPgBinDir() {
        return SettingsLoader.of(Optional.ofNullable(configFile), withHome(), environment).backupPgBinDir();
    }

    private Map<String, String> withHome() {
        if (home == null) {
            return overrides;
        }
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.put(SettingsLoader.HOME, home.toString());
        return all;
    }
}
