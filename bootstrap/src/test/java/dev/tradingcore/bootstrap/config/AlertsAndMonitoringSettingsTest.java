package dev.tradingcore.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.port.AlertSeverity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ALERTS_* and MONITORING_* keys. */
class AlertsAndMonitoringSettingsTest {

    private static Settings load(Map<String, String> env) {
        return SettingsLoader.of(Optional.empty(), Map.of(), env).load();
    }

    @Test
    void by_default_alerts_go_to_the_log_only_and_the_designs_thresholds_apply() {
        Settings settings = load(Map.of());

        assertThat(settings.alerts().webhookUrl()).isEmpty();
        assertThat(settings.alerts().smtpHost()).isEmpty();
        assertThat(settings.alerts().webhookMinimum()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(settings.alerts().emailMinimum()).isEqualTo(AlertSeverity.WARNING);
        assertThat(settings.monitoring()).isEqualTo(new Settings.Monitoring(Duration.ofSeconds(30),
                Duration.ofMillis(100), 80, 20, 10, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 10, 3));
    }

    @Test
    void reads_the_webhook_and_email_keys_and_never_prints_the_token() {
        Settings settings = load(Map.of(
                "ALERTS_WEBHOOK_URL", "https://pager.example.com/hooks/SECRETPATH",
                "ALERTS_WEBHOOK_TOKEN", "tok-123",
                "ALERTS_WEBHOOK_MIN_SEVERITY", "high",
                "ALERTS_SMTP_HOST", "mail.example.com",
                "ALERTS_SMTP_PORT", "2525",
                "ALERTS_EMAIL_FROM", "core@example.com",
                "ALERTS_EMAIL_TO", "ops@example.com, risk@example.com",
                "ALERTS_EMAIL_MIN_SEVERITY", "INFO"));

        Settings.Alerts alerts = settings.alerts();
        assertThat(alerts.webhookUrl()).contains(URI.create("https://pager.example.com/hooks/SECRETPATH"));
        assertThat(alerts.webhookToken()).contains("tok-123");
        assertThat(alerts.webhookMinimum()).isEqualTo(AlertSeverity.HIGH);
        assertThat(alerts.smtpHost()).contains("mail.example.com");
        assertThat(alerts.smtpPort()).isEqualTo(2525);
        assertThat(alerts.emailFrom()).isEqualTo("core@example.com");
        assertThat(alerts.emailTo()).containsExactly("ops@example.com", "risk@example.com");
        assertThat(alerts.emailMinimum()).isEqualTo(AlertSeverity.INFO);
        assertThat(alerts.toString()).doesNotContain("tok-123").doesNotContain("SECRETPATH");
    }

    @Test
    void reads_pagerduty_slack_and_a_starttls_login_and_prints_none_of_their_secrets() {
        Settings settings = load(Map.of(
                "ALERTS_PAGERDUTY_ROUTING_KEY", "R0UT1NGK3Y0123456789abcdefABCDEF",
                "ALERTS_PAGERDUTY_MIN_SEVERITY", "high",
                "ALERTS_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/SLACKSECRET",
                "ALERTS_SMTP_HOST", "smtp.example.com",
                "ALERTS_SMTP_PORT", "587",
                "ALERTS_SMTP_STARTTLS", "true",
                "ALERTS_SMTP_USERNAME", "alerts@example.com",
                "ALERTS_SMTP_PASSWORD", "p@ss:word",
                "ALERTS_EMAIL_TO", "ops@example.com",
                "ALERTS_MAX_PER_MINUTE", "3"));

        Settings.Alerts alerts = settings.alerts();
        assertThat(alerts.pagerDuty()).hasValueSatisfying(pd -> {
            assertThat(pd.routingKey()).isEqualTo("R0UT1NGK3Y0123456789abcdefABCDEF");
            assertThat(pd.eventsUrl()).hasToString("https://events.pagerduty.com/v2/enqueue");
            assertThat(pd.minimum()).isEqualTo(AlertSeverity.HIGH);
        });
        assertThat(alerts.slack()).hasValueSatisfying(slack -> {
            assertThat(slack.webhookUrl()).hasToString("https://hooks.slack.com/services/T0/B0/SLACKSECRET");
            assertThat(slack.minimum()).isEqualTo(AlertSeverity.WARNING);
        });
        assertThat(alerts.smtpStartTls()).isTrue();
        assertThat(alerts.smtpLogin()).hasValueSatisfying(login -> {
            assertThat(login.username()).isEqualTo("alerts@example.com");
            assertThat(login.password()).isEqualTo("p@ss:word");
        });
        assertThat(alerts.maxPerMinute()).isEqualTo(3);
        assertThat(settings.toString()).contains("smtp.example.com:587 STARTTLS as alerts@example.com")
                .doesNotContain("R0UT1NGK3Y").doesNotContain("SLACKSECRET").doesNotContain("p@ss:word");
    }

    @Test
    void a_login_without_starttls_and_half_configured_sinks_are_refused_without_quoting_secrets() {
        assertThatThrownBy(() -> load(Map.of("ALERTS_SMTP_HOST", "smtp.example.com", "ALERTS_EMAIL_TO",
                "ops@example.com", "ALERTS_SMTP_USERNAME", "u", "ALERTS_SMTP_PASSWORD", "p@ss:word")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_SMTP_STARTTLS")
                .hasMessageContaining("in clear").hasMessageNotContaining("p@ss:word");
        assertThatThrownBy(() -> load(Map.of("ALERTS_SMTP_HOST", "smtp.example.com", "ALERTS_EMAIL_TO",
                "ops@example.com", "ALERTS_SMTP_STARTTLS", "true", "ALERTS_SMTP_PASSWORD", "p@ss:word")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_SMTP_USERNAME")
                .hasMessageNotContaining("p@ss:word");
        assertThatThrownBy(() -> load(Map.of("ALERTS_SMTP_STARTTLS", "maybe"))).isInstanceOf(
                ConfigurationException.class).hasMessageContaining("ALERTS_SMTP_STARTTLS").hasMessageContaining("true");
        assertThatThrownBy(() -> load(Map.of("ALERTS_PAGERDUTY_EVENTS_URL", "https://proxy.example.com/enqueue")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_PAGERDUTY_ROUTING_KEY");
        assertThatThrownBy(() -> load(Map.of("ALERTS_PAGERDUTY_ROUTING_KEY", "has space SECRETKEY")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_PAGERDUTY_ROUTING_KEY")
                .hasMessageNotContaining("SECRETKEY");
        assertThatThrownBy(() -> load(Map.of("ALERTS_SLACK_WEBHOOK_URL", "hooks.slack.com/services/SLACKSECRET")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_SLACK_WEBHOOK_URL")
                .hasMessageNotContaining("SLACKSECRET");
        assertThatThrownBy(() -> load(Map.of("ALERTS_MAX_PER_MINUTE", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_MAX_PER_MINUTE");
        assertThatThrownBy(() -> load(Map.of("LOG_FORMAT", "yaml"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("LOG_FORMAT (log.format) is 'yaml'; it must be text or json");
    }

    @Test
    void reads_the_monitoring_thresholds() {
        Settings settings = load(Map.of(
                "MONITORING_INTERVAL", "10s",
                "MONITORING_WRITE_LATENCY_P99", "250ms",
                "MONITORING_POOL_UTILIZATION_PERCENT", "90",
                "MONITORING_DISK_FREE_WARNING_PERCENT", "30",
                "MONITORING_DISK_FREE_CRITICAL_PERCENT", "15",
                "MONITORING_REPLICATION_LAG_WARNING", "2s",
                "MONITORING_REPLICATION_LAG_CRITICAL", "PT20S",
                "MONITORING_SLOW_QUERY", "500ms",
                "MONITORING_RESOLVE_MARGIN_PERCENT", "25",
                "MONITORING_RESOLVE_AFTER_CHECKS", "5"));

        assertThat(settings.monitoring()).isEqualTo(new Settings.Monitoring(Duration.ofSeconds(10),
                Duration.ofMillis(250), 90, 30, 15, Duration.ofSeconds(2), Duration.ofSeconds(20),
                Duration.ofMillis(500), 25, 5));
    }

    @Test
    void bad_values_get_a_clear_error_naming_the_variable() {
        assertThatThrownBy(() -> load(Map.of("ALERTS_WEBHOOK_URL", "ftp://pager.example.com/SECRETPATH")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_WEBHOOK_URL")
                .hasMessageContaining("http or https").hasMessageNotContaining("SECRETPATH");
        assertThatThrownBy(() -> load(Map.of("ALERTS_WEBHOOK_TOKEN", "tok-123")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_WEBHOOK_URL")
                .hasMessageNotContaining("tok-123");
        assertThatThrownBy(() -> load(Map.of("ALERTS_SMTP_HOST", "mail.example.com")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_EMAIL_TO");
        assertThatThrownBy(() -> load(Map.of("ALERTS_EMAIL_TO", "ops@example.com")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERTS_SMTP_HOST");
        assertThatThrownBy(() -> load(Map.of("ALERTS_SMTP_HOST", "mail.example.com", "ALERTS_EMAIL_TO",
                "not an address"))).isInstanceOf(ConfigurationException.class).hasMessageContaining("recipient");
        assertThatThrownBy(() -> load(Map.of("ALERTS_WEBHOOK_URL", "https://p.example.com/",
                "ALERTS_WEBHOOK_MIN_SEVERITY", "loud"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALERTS_WEBHOOK_MIN_SEVERITY").hasMessageContaining("CRITICAL");
        assertThatThrownBy(() -> load(Map.of("MONITORING_POOL_UTILIZATION_PERCENT", "120")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MONITORING_POOL_UTILIZATION_PERCENT");
        assertThatThrownBy(() -> load(Map.of("MONITORING_DISK_FREE_WARNING_PERCENT", "5")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("critical <= warning");
        assertThatThrownBy(() -> load(Map.of("MONITORING_REPLICATION_LAG_CRITICAL", "1s")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("replication lag");
        assertThatThrownBy(() -> load(Map.of("MONITORING_INTERVAL", "soon")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MONITORING_INTERVAL");
    }

    @Test
    void settings_built_without_alerts_or_monitoring_log_only_with_the_designs_thresholds() {
        Settings full = load(Map.of());
        Settings legacy = new Settings(full.databaseUrl(), full.poolSize(), full.timeout(), full.sslMode(),
                full.embedded(), full.replicaUrl(), full.trading(), full.broker());
        assertThat(legacy.alerts().emailTo()).isEqualTo(List.of());
        assertThat(legacy.monitoring()).isEqualTo(Settings.Monitoring.design());
    }
}
