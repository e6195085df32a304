package dev.tradingcore.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    private static Settings load(Map<String, String> overrides, Map<String, String> env) {
        return SettingsLoader.of(Optional.empty(), overrides, env).load();
    }

    @Test
    void reads_the_designs_environment_variables() {
        Settings settings = load(Map.of(), Map.of(
                "DATABASE_URL", "postgresql://trading_user:pw@db.example.com:5432/trading_system",
                "DATABASE_POOL_SIZE", "12",
                "DATABASE_TIMEOUT_SECONDS", "7",
                "DATABASE_SSL_MODE", "require"));

        assertThat(settings.databaseUrl()).isPresent();
        assertThat(settings.databaseUrl().get().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com:5432/trading_system?sslmode=require");
        assertThat(settings.poolSize()).isEqualTo(12);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.sslMode()).contains("require");
    }

    @Test
    void without_a_url_the_embedded_server_is_used_with_the_designs_defaults() {
        Settings settings = load(Map.of(), Map.of());

        assertThat(settings.databaseUrl()).isEmpty();
        assertThat(settings.poolSize()).isEqualTo(20);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.embedded().dataDirectory().toString()).endsWith(".trading-core/pgdata");
        assertThat(settings.describeDatabase()).startsWith("embedded PostgreSQL");
    }

    /**
     * Everything on disk was under the user record's home: {@code HOME=...} moved none of it, and nothing else could.
     * The home is {@code TRADING_CORE_HOME} (or {@code --home}, which sets {@code trading-core.home}), else
     * {@code $HOME/.trading-core}; the embedded data and the simulations live in it.
     */
    @Test
    void everything_on_disk_is_in_the_home_which_the_environment_or_the_command_line_sets() {
        Path fromHome = Path.of("/tmp/alice");
        Settings byHome = load(Map.of(), Map.of("HOME", fromHome.toString()));
        assertThat(byHome.home()).isEqualTo(fromHome.resolve(".trading-core"));
        assertThat(byHome.embedded().dataDirectory()).isEqualTo(fromHome.resolve(".trading-core").resolve("pgdata"));

        Settings byVariable = load(Map.of(), Map.of("HOME", "/tmp/alice", "TRADING_CORE_HOME", dir.toString()));
        assertThat(byVariable.home()).isEqualTo(dir);
        assertThat(byVariable.embedded().dataDirectory()).isEqualTo(dir.resolve("pgdata"));
        assertThat(byVariable.simulationState("l-1")).isEqualTo(dir.resolve("simulations").resolve("l-1.json"));

        Settings byOption = load(Map.of("trading-core.home", dir.resolve("other").toString()),
                Map.of("TRADING_CORE_HOME", dir.toString()));
        assertThat(byOption.home()).as("the command line first").isEqualTo(dir.resolve("other"));

        Settings apart = load(Map.of(), Map.of("TRADING_CORE_HOME", dir.toString(), "EMBEDDED_DATA_DIRECTORY",
                "/srv/pg"));
        assertThat(apart.embedded().dataDirectory()).isEqualTo(Path.of("/srv/pg"));
        assertThat(apart.home()).isEqualTo(dir);
    }

    @Test
    void the_command_line_beats_the_environment_which_beats_the_file() throws IOException {
        Path file = dir.resolve("trading-core.properties");
        Files.writeString(file, "database.pool-size=3\ndatabase.timeout-seconds=9\nembedded.port=60001\n");

        Settings settings = SettingsLoader.of(Optional.of(file), Map.of("database.pool-size", "4"),
                Map.of("DATABASE_POOL_SIZE", "5", "DATABASE_TIMEOUT_SECONDS", "8")).load();

        assertThat(settings.poolSize()).as("command line").isEqualTo(4);
        assertThat(settings.timeout()).as("environment over file").isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.embedded().port()).as("file").isEqualTo(60001);
    }

    @Test
    void a_bad_number_names_the_variable_and_the_property() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("DATABASE_POOL_SIZE", "twenty")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("DATABASE_POOL_SIZE (database.pool-size) is 'twenty'; it must be a whole number from 1 to 500");
        assertThatThrownBy(() -> load(Map.of(), Map.of("DATABASE_TIMEOUT_SECONDS", "0")))
                .hasMessage("DATABASE_TIMEOUT_SECONDS (database.timeout-seconds) is 0; it must be from 1 to 3600");
    }

    @Test
    void a_bad_ssl_mode_is_named() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("DATABASE_SSL_MODE", "sometimes")))
                .hasMessageStartingWith("DATABASE_SSL_MODE (database.ssl-mode) is 'sometimes'");
    }

    @Test
    void a_bad_url_is_named_and_its_password_is_never_repeated() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("DATABASE_URL", "mysql://root:hunter2@host/db")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DATABASE_URL (database.url) is not usable")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void a_separate_password_setting_is_used_and_never_printed() {
        Settings settings = load(Map.of(), Map.of("DATABASE_URL", "postgresql://app@localhost:5432/trading",
                "DATABASE_PASSWORD", "s3cret"));

        assertThat(settings.databaseUrl().get().password()).contains("s3cret");
        assertThat(settings.describeDatabase()).doesNotContain("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void a_password_without_a_url_is_an_error() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("DATABASE_PASSWORD", "s3cret")))
                .hasMessage("DATABASE_PASSWORD (database.password) is set but DATABASE_URL (database.url) is not");
    }

    @Test
    void java_system_properties_set_any_of_our_settings() {
        System.setProperty("trading.initial-capital", "250000.50");
        try {
            assertThat(load(Map.of(), Map.of()).trading().initialCapital()).isEqualByComparingTo("250000.50");
        } finally {
            System.clearProperty("trading.initial-capital");
        }
    }

    @Test
    void a_named_configuration_file_must_exist() {
        assertThatThrownBy(() -> SettingsLoader.of(Optional.of(dir.resolve("missing.properties")), Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing.properties does not exist");
    }
}
