package dev.tradingcore.bootstrap.monitoring;

import dev.tradingcore.adapters.alerting.DeliverySettings;
import dev.tradingcore.adapters.alerting.EmailAlertSink;
import dev.tradingcore.adapters.alerting.EmailSettings;
import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.adapters.alerting.RoutingAlertSink;
import dev.tradingcore.adapters.alerting.WebhookAlertSink;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.port.AlertSink;

/**
 * The alert sink configuration asks for: the log always; the webhook (the design's pager) for alerts of its minimum
 * severity and worse when {@code ALERTS_WEBHOOK_URL} is set; e-mail for its minimum and worse when
 * {@code ALERTS_SMTP_HOST} and {@code ALERTS_EMAIL_TO} are set. Close it to stop the senders.
 */
public final class ConfiguredAlerts {

    private ConfiguredAlerts() {}

    /** The routed sink; with neither webhook nor e-mail configured, a router holding only the log. */
    public static RoutingAlertSink from(Settings.Alerts alerts) {
        RoutingAlertSink.Builder builder = RoutingAlertSink.builder().always(new LoggingAlertSink());
        DeliverySettings delivery = DeliverySettings.defaults();
        if (alerts.webhookUrl().isPresent()) {
            builder.atLeast(alerts.webhookMinimum(),
                    WebhookAlertSink.start(alerts.webhookUrl().get(), alerts.webhookToken(), delivery));
        }
        if (alerts.smtpHost().isPresent()) {
            builder.atLeast(alerts.emailMinimum(), EmailAlertSink.start(EmailSettings.of(alerts.smtpHost().get(),
                    alerts.smtpPort(), alerts.emailFrom(), alerts.emailTo()), delivery));
        }
        return builder.build();
    }

    /** Whether anything besides the log is configured. */
    public static boolean remote(Settings.Alerts alerts) {
        return alerts.webhookUrl().isPresent() || alerts.smtpHost().isPresent();
    }

    /** For a log line: where alerts go. */
    public static String describe(AlertSink sink) {
        return sink.toString();
    }
}
