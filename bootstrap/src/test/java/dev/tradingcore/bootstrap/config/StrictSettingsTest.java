package dev.tradingcore.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistyped setting is an error naming it, with the closest known one, whatever source it came from; it is never
 * ignored in favour of the default (the embedded database instead of the one meant).
 */
class StrictSettingsTest {

    @TempDir
    Path dir;

    private static SettingsLoader loader(Map<String, String> overrides, Map<String, String> env) {
        return SettingsLoader.of(Optional.empty(), overrides, env);
    }

    @Test
    void a_mistyped_key_in_the_properties_file_is_named_with_the_file_and_the_key_meant() throws IOException {
        Path file = dir.resolve("trading-core.properties");
        Files.writeString(file, "database.urll=postgresql://app@db.example.com:5432/trading\n");

        assertThatThrownBy(() -> SettingsLoader.of(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown setting 'database.urll' in " + file + ": did you mean 'database.url'? (every"
                        + " setting is in README.md, Configuration)");
    }

    @Test
    void a_mistyped_key_given_with_set_is_named_with_the_key_meant() {
        assertThatThrownBy(() -> loader(Map.of("database.pool-szie", "5"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("unknown setting 'database.pool-szie' in --set: did you mean"
                        + " 'database.pool-size'?");
    }

    @Test
    void a_mistyped_environment_variable_of_ours_is_named_with_the_variable_meant() {
        assertThatThrownBy(() -> loader(Map.of(), Map.of("DATABASE_POOL_SZIE", "5", "PATH", "/usr/bin")))
                .hasMessageStartingWith("unknown setting 'DATABASE_POOL_SZIE' in the environment: did you mean"
                        + " 'DATABASE_POOL_SIZE'?");
        assertThatThrownBy(() -> loader(Map.of(), Map.of("TRADING_INITAL_CAPITAL", "5")))
                .hasMessageContaining("did you mean 'TRADING_INITIAL_CAPITAL'?");
        assertThatThrownBy(() -> loader(Map.of(), Map.of("ALERTS_WEBHOOK_URI", "https://x.example/hook")))
                .hasMessageContaining("did you mean 'ALERTS_WEBHOOK_URL'?");
        assertThatThrownBy(() -> loader(Map.of(), Map.of("BROKER_SECRET", "k")))
                .hasMessageContaining("did you mean 'BROKER_SECRET_KEY'?");
        assertThatThrownBy(() -> loader(Map.of(), Map.of("BACKUP_PG_BINDIR", "/usr/lib/postgresql/15/bin")))
                .hasMessageContaining("did you mean 'BACKUP_PG_BIN_DIR'?");
    }

    @Test
    void a_mistyped_java_system_property_of_ours_is_named() {
        System.setProperty("trading.initial-captial", "5");
        try {
            assertThatThrownBy(() -> loader(Map.of(), Map.of()))
                    .hasMessageStartingWith("unknown setting 'trading.initial-captial' in the Java system properties"
                            + " (-D): did you mean 'trading.initial-capital'?");
        } finally {
            System.clearProperty("trading.initial-captial");
        }
    }

    @Test
    void an_environment_spelling_given_to_set_suggests_the_property() {
        assertThatThrownBy(() -> loader(Map.of("DATABASE_URL", "postgresql://app@h/db"), Map.of()))
                .hasMessageContaining("'DATABASE_URL' in --set: did you mean 'database.url'?");
    }

    @Test
    void the_value_of_an_unknown_key_is_never_quoted_it_may_be_a_password() {
        assertThatThrownBy(() -> loader(Map.of("database.pasword", "hunter2"), Map.of()))
                .hasMessageContaining("did you mean 'database.password'?")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void every_unknown_key_is_named_at_once() {
        assertThatThrownBy(() -> loader(Map.of("database.urll", "x"), Map.of("MONITORING_INTERVALL", "5s")))
                .hasMessageStartingWith("unknown settings: ")
                .hasMessageContaining("'database.urll' in --set: did you mean 'database.url'?")
                .hasMessageContaining("'MONITORING_INTERVALL' in the environment: did you mean 'MONITORING_INTERVAL'?");
    }

    @Test
    void a_key_near_nothing_known_gets_no_guess_but_where_to_look() {
        assertThatThrownBy(() -> loader(Map.of("database.replication-slot-name", "x"), Map.of()))
                .hasMessage("unknown setting 'database.replication-slot-name' in --set (every setting is in"
                        + " README.md, Configuration)");
    }

    @Test
    void other_programs_variables_and_every_known_key_are_accepted() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", "/usr/bin", "JAVA_HOME", "/opt/jdk",
                "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1/postgres", "TRADING_CORE_HOME", "/srv/tc"));
        env.put("EMBEDDED_PORT", "54329");
        env.put("MONITORING_SLOW_QUERY", "2s");

        Settings settings = loader(Map.of("database.pool-size", "7", "backup.pg-bin-dir", "/usr/lib/postgresql/15/bin",
                "broker.key-id", "k", "broker.secret-key", "s", "embedded.database", "trading_core"), env).load();

        assertThat(settings.poolSize()).isEqualTo(7);
        assertThat(settings.monitoring().slowQuery()).hasSeconds(2);
        assertThat(SettingsLoader.knownSettings()).contains("backup.pg-bin-dir", "broker.key-id",
                "broker.secret-key", "embedded.database");
    }

    @Test
    void the_suggestion_is_the_nearest_known_key() {
        assertThat(UnknownSettings.closest("database.timeout", SettingsLoader.knownSettings()))
                .contains("database.timeout-seconds");
        assertThat(UnknownSettings.closest("alerts.email-too", SettingsLoader.knownSettings()))
                .contains("alerts.email-to");
        assertThat(UnknownSettings.closest("nothing.like.it.at.all", SettingsLoader.knownSettings())).isEmpty();
    }
}
