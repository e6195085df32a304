package dev.tradingcore.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trading day's zone, the sector map and the staleness of marks: read, defaulted, and refused when wrong. */
class RiskSettingsTest {

    @TempDir
    Path dir;

    private static Settings load(Map<String, String> env) {
        return SettingsLoader.of(Optional.empty(), Map.of(), env).load();
    }

    @Test
    void the_defaults_are_new_york_days_no_sectors_and_five_minutes() {
        Settings.Risk risk = load(Map.of()).risk();

        assertThat(risk.dayZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(risk.sectors()).isEmpty();
        assertThat(risk.markStaleAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void the_environment_sets_each_and_the_sector_file_is_read() throws Exception {
        Path sectors = Files.writeString(dir.resolve("sectors.properties"), "# our map\nAAPL=Technology\n"
                + "XOM = Energy\n");

        Settings.Risk risk = load(Map.of("TRADING_DAY_ZONE", "Europe/London", "RISK_SECTORS_FILE", sectors.toString(),
                "RISK_MARK_STALE_AFTER", "30s")).risk();

        assertThat(risk.dayZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(risk.sectors()).containsExactlyInAnyOrderEntriesOf(Map.of("AAPL", "Technology", "XOM", "Energy"));
        assertThat(risk.markStaleAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_bad_zone_a_missing_file_or_a_bad_symbol_is_named() throws Exception {
        assertThatThrownBy(() -> load(Map.of("TRADING_DAY_ZONE", "New York")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("TRADING_DAY_ZONE")
                .hasMessageContaining("America/New_York");
        assertThatThrownBy(() -> load(Map.of("RISK_SECTORS_FILE", dir.resolve("none").toString())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RISK_SECTORS_FILE");
        Path lower = Files.writeString(dir.resolve("lower.properties"), "aapl=Technology\n");
        assertThatThrownBy(() -> load(Map.of("RISK_SECTORS_FILE", lower.toString())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'aapl'");
        assertThatThrownBy(() -> load(Map.of("RISK_MARK_STALE_AFTR", "1m")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RISK_MARK_STALE_AFTR");
    }

    /** An embedder that sets its trading settings keeps its day zone: before, withTrading put back the defaults. */
    @Test
    void other_trading_settings_keep_the_risk_settings() {
        Settings london = load(Map.of("TRADING_DAY_ZONE", "Europe/London", "RISK_MARK_STALE_AFTER", "30s"));

        Settings.Risk risk = london.withTrading(london.trading()).risk();

        assertThat(risk.dayZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(risk.markStaleAfter()).isEqualTo(Duration.ofSeconds(30));
    }
}
