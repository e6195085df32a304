package dev.tradingcore.bootstrap.monitoring;

import dev.tradingcore.adapters.alerting.DeliverySettings;
import dev.tradingcore.adapters.alerting.EmailAlertSink;
import dev.tradingcore.adapters.alerting.EmailSettings;
import dev.tradingcore.adapters.alerting.GroupedAlerts;
import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.adapters.alerting.PagerDutyAlertSink;
import dev.tradingcore.adapters.alerting.PagerDutySettings;
import dev.tradingcore.adapters.alerting.RoutingAlertSink;
import dev.tradingcore.adapters.alerting.SlackAlertSink;
import dev.tradingcore.adapters.alerting.WebhookAlertSink;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.port.AlertSink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * The alert sinks configuration asks for: the log always, every alert; and each configured remote sink behind its
 * own {@link GroupedAlerts} (its minimum severity, one page per incident, the resolve of what it was paged, at most
 * {@code ALERTS_MAX_PER_MINUTE} one-off alerts a minute): PagerDuty ({@code ALERTS_PAGERDUTY_ROUTING_KEY}), Slack
 * ({@code ALERTS_SLACK_WEBHOOK_URL}), the generic webhook ({@code ALERTS_WEBHOOK_URL}), e-mail
 * ({@code ALERTS_SMTP_HOST} and {@code ALERTS_EMAIL_TO}, over STARTTLS with a login when configured). Close it to
 * stop the senders.
 */
public final class ConfiguredAlerts {

    private ConfiguredAlerts() {}

    /** The routed sink; with nothing remote configured, a router holding only the log. */
    public static RoutingAlertSink from(Settings.Alerts alerts) {
        return from(alerts, Clock.systemUTC());
    }

    /** The same, with the clock the rate limits count in. */
    public static RoutingAlertSink from(Settings.Alerts alerts, Clock clock) {
        RoutingAlertSink.Builder builder = RoutingAlertSink.builder().always(new LoggingAlertSink());
        DeliverySettings delivery = DeliverySettings.defaults();
        int perMinute = alerts.maxPerMinute();
        alerts.pagerDuty().ifPresent(pd -> builder.always(new GroupedAlerts(pd.minimum(), PagerDutyAlertSink.start(
                new PagerDutySettings(pd.eventsUrl(), pd.routingKey(), hostName()), delivery), clock, perMinute)));
        alerts.slack().ifPresent(slack -> builder.always(new GroupedAlerts(slack.minimum(),
                SlackAlertSink.start(slack.webhookUrl(), delivery), clock, perMinute)));
        if (alerts.webhookUrl().isPresent()) {
            builder.always(new GroupedAlerts(alerts.webhookMinimum(),
                    WebhookAlertSink.start(alerts.webhookUrl().get(), alerts.webhookToken(), delivery), clock,
                    perMinute));
        }
        if (alerts.smtpHost().isPresent()) {
            EmailSettings email = EmailSettings.of(alerts.smtpHost().get(), alerts.smtpPort(), alerts.emailFrom(),
                    alerts.emailTo());
            if (alerts.smtpStartTls()) {
                email = email.withStartTls(alerts.smtpLogin());
            }
            builder.always(new GroupedAlerts(alerts.emailMinimum(), EmailAlertSink.start(email, delivery), clock,
                    perMinute));
        }
        return builder.build();
    }

    /** What PagerDuty shows as the source: this host's name. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "trading-core";
        }
    }

    /** Whether anything besides the log is configured. */
    public static boolean remote(Settings.Alerts alerts) {
        return alerts.webhookUrl().isPresent() || alerts.smtpHost().isPresent() || alerts.pagerDuty().isPresent()
                || alerts.slack().isPresent();
    }

    /** For a log line: where alerts go. */
    public static String describe(AlertSink sink) {
        return sink.toString();
    }
}
