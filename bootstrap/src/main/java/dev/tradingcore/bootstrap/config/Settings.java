package dev.tradingcore.bootstrap.config;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.ReplicationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything trading-core is configured with, already validated. Built by {@link SettingsLoader}; a value object so
 * that commands and producers never see raw strings.
 *
 * @param databaseUrl the database, or empty to use the embedded server
 * @param poolSize the most connections the trading pools open together ({@code DATABASE_POOL_SIZE})
 * @param timeout the longest any database wait may take ({@code DATABASE_TIMEOUT_SECONDS})
 * @param sslMode pgjdbc's sslmode, when set ({@code DATABASE_SSL_MODE})
 * @param embedded where the embedded server keeps its data and listens, used when no URL is set
 * @param home the folder of everything trading-core keeps on disk ({@code TRADING_CORE_HOME}, {@code --home}; by
 *     default {@code ~/.trading-core}): the embedded server's data unless set apart, the simulations' state
 * @param auditSealing how often the running core seals audit blocks and sends digests
 * @param replication the replica's lag bound for analytics reads and the writes' {@code synchronous_commit}
 * @param metrics where the metrics endpoint listens, if anywhere ({@code METRICS_PORT}, {@code METRICS_BIND})
 */
public record Settings(Optional<DatabaseUrl> databaseUrl, int poolSize, Duration timeout, Optional<String> sslMode,
        Embedded embedded, Optional<DatabaseUrl> replicaUrl, Trading trading, Broker broker, Alerts alerts,
        Monitoring monitoring, Path home, Risk risk, AuditSealing auditSealing, ReplicationSettings replication,
        Metrics metrics) {

    /** Settings with the default audit sealing and replication settings, and no metrics endpoint. */
    public Settings(Optional<DatabaseUrl> databaseUrl, int poolSize, Duration timeout, Optional<String> sslMode,
            Embedded embedded, Optional<DatabaseUrl> replicaUrl, Trading trading, Broker broker, Alerts alerts,
            Monitoring monitoring, Path home, Risk risk) {
        this(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, alerts, monitoring, home,
                risk, AuditSealing.defaults(), ReplicationSettings.DEFAULTS, Metrics.off());
    }

    /** Settings with the default risk settings. */
    public Settings(Optional<DatabaseUrl> databaseUrl, int poolSize, Duration timeout, Optional<String> sslMode,
            Embedded embedded, Optional<DatabaseUrl> replicaUrl, Trading trading, Broker broker, Alerts alerts,
            Monitoring monitoring, Path home) {
        this(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, alerts, monitoring, home,
                Risk.defaults());
    }

    public Settings {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(sslMode, "sslMode");
        Objects.requireNonNull(embedded, "embedded");
        Objects.requireNonNull(replicaUrl, "replicaUrl");
        Objects.requireNonNull(trading, "trading");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(auditSealing, "auditSealing");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(metrics, "metrics");
        home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
    }

    /** Settings kept in the default home ({@code ~/.trading-core} of the user record). */
    public Settings(Optional<DatabaseUrl> databaseUrl, int poolSize, Duration timeout, Optional<String> sslMode,
            Embedded embedded, Optional<DatabaseUrl> replicaUrl, Trading trading, Broker broker, Alerts alerts,
            Monitoring monitoring) {
        this(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, alerts, monitoring,
                Path.of(System.getProperty("user.home"), ".trading-core"));
    }

    /** Settings whose alerts go to the log only and whose monitoring uses the design's thresholds. */
    public Settings(Optional<DatabaseUrl> databaseUrl, int poolSize, Duration timeout, Optional<String> sslMode,
            Embedded embedded, Optional<DatabaseUrl> replicaUrl, Trading trading, Broker broker) {
        this(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, Alerts.logOnly(),
                Monitoring.design());
    }

    /**
     * The settings an embedded core starts with when given none: the process environment ({@code DATABASE_URL}...),
     * Java system properties, {@code ./trading-core.properties} when present, then the defaults (the embedded
     * database).
     */
    public static Settings fromEnvironment() {
        return SettingsLoader.of(Optional.empty(), java.util.Map.of(), System.getenv()).load();
    }

    /** The same settings on another database (tests and embedders that manage their own). */
    public Settings withDatabase(DatabaseUrl url) {
        return new Settings(Optional.of(url), poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, alerts,
                monitoring, home, risk, auditSealing, replication, metrics);
    }

    /** The same settings with other risk settings. */
    public Settings withRisk(Risk value) {
        return new Settings(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, alerts,
                monitoring, home, value, auditSealing, replication, metrics);
    }

    /** These settings with the metrics endpoint on {@code port} (a command's {@code --metrics-port}). */
    public Settings withMetricsPort(int port) {
        return new Settings(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, alerts,
                monitoring, home, risk, auditSealing, replication, new Metrics(Optional.of(port), metrics.bind()));
    }

    /** The same settings with other trading settings (order rate limits, resting-orders policy...). */
    public Settings withTrading(Trading value) {
        return new Settings(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, value, broker, alerts,
                monitoring, home, risk, auditSealing, replication, metrics);
    }

    /** The same settings with other replication settings. */
    public Settings withReplication(ReplicationSettings value) {
        return new Settings(databaseUrl, poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker, alerts,
                monitoring, home, risk, auditSealing, value, metrics);
    }

    /**
     * Where the in-process simulation that trades against the ledger {@code ledgerId} keeps its state: one file per
     * ledger, so that a simulation belongs to the database it trades against and never to another that shares the
     * home.
     */
    public Path simulationState(String ledgerId) {
        return home.resolve("simulations").resolve(ledgerId + ".json");
    }

    /**
     * How the book is valued and its day counted.
     *
     * @param dayZone the zone whose midnight starts the trading day ({@code TRADING_DAY_ZONE}, America/New_York)
     * @param sectors each symbol's sector, from {@code RISK_SECTORS_FILE}; symbols missing are UNCLASSIFIED
     * @param markStaleAfter a mark older than this is shown as stale ({@code RISK_MARK_STALE_AFTER}, 5 minutes)
     * @param markFlushInterval how often prices are written to the market data cache and the stored positions'
     *     marks brought up to date (1 second)
     */
    public record Risk(java.time.ZoneId dayZone, java.util.Map<String, String> sectors, Duration markStaleAfter,
            Duration markFlushInterval) {

        public Risk {
            Objects.requireNonNull(dayZone, "dayZone");
            sectors = java.util.Map.copyOf(Objects.requireNonNull(sectors, "sectors"));
            Objects.requireNonNull(markStaleAfter, "markStaleAfter");
            Objects.requireNonNull(markFlushInterval, "markFlushInterval");
        }

        public static Risk defaults() {
            return new Risk(java.time.ZoneId.of("America/New_York"), java.util.Map.of(), Duration.ofMinutes(5),
                    Duration.ofSeconds(1));
        }
    }

    /**
     * Credentials of a REST broker ({@code BROKER_KEY_ID}, {@code BROKER_SECRET_KEY}); never printed.
     */
    public record Broker(Optional<String> keyId, Optional<String> secretKey) {

        public Broker {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String toString() {
            return "Broker[keyId=" + keyId.map(k -> "***").orElse("none") + ", secretKey="
                    + secretKey.map(k -> "***").orElse("none") + "]";
        }
    }

    /**
     * How the running core seals its audit trail (docs/operations.md, "The audit chain").
     *
     * @param interval how often the rows written since the last block are sealed ({@code trading.audit-seal-interval})
     * @param digestInterval how often the newest digest is sent to the alert sinks; empty: never
     *     ({@code alerts.audit-digest-interval})
     */
    public record AuditSealing(Duration interval, Optional<Duration> digestInterval) {

        public AuditSealing {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(digestInterval, "digestInterval");
        }

        /** Every 5 seconds, no digests sent. */
        public static AuditSealing defaults() {
            return new AuditSealing(Duration.ofSeconds(5), Optional.empty());
        }
    }

    /**
     * How the core trades.
     *
     * @param initialCapital the account's cash before its first trade (cash follows from positions after that)
     * @param riskSnapshotInterval how often a risk snapshot is taken while trading (the design: 5 minutes)
     * @param brokerSyncInterval how often fills and order states are fetched from the broker
     * @param orderRateLimits the order storm guard's limits ({@code trading.max-orders-per-second} ...)
     * @param restingOrders what happens to our orders resting at the broker when the core cannot keep its books
     *     ({@code trading.resting-orders}, {@code trading.resting-orders-degraded-after})
     */
    public record Trading(java.math.BigDecimal initialCapital, Duration riskSnapshotInterval,
            Duration brokerSyncInterval, dev.tradingcore.domain.risk.OrderRateLimits orderRateLimits,
            dev.tradingcore.application.order.RestingOrders.Policy restingOrders) {

        public Trading {
            Objects.requireNonNull(initialCapital, "initialCapital");
            Objects.requireNonNull(riskSnapshotInterval, "riskSnapshotInterval");
            Objects.requireNonNull(brokerSyncInterval, "brokerSyncInterval");
            Objects.requireNonNull(orderRateLimits, "orderRateLimits");
            Objects.requireNonNull(restingOrders, "restingOrders");
        }

        /** With the default order rate limits and resting-orders policy. */
        public Trading(java.math.BigDecimal initialCapital, Duration riskSnapshotInterval,
                Duration brokerSyncInterval) {
            this(initialCapital, riskSnapshotInterval, brokerSyncInterval,
                    dev.tradingcore.domain.risk.OrderRateLimits.defaults(),
                    dev.tradingcore.application.order.RestingOrders.Policy.defaults());
        }
    }

    /**
     * Where alerts go besides the log (which always gets them): a webhook when {@code webhookUrl} is set, e-mail
     * when an SMTP host and recipients are set, PagerDuty when a routing key is, Slack when a webhook URL is. Secrets
     * are never printed: not the tokens, keys and password, nor the webhooks' paths (they often carry a secret).
     *
     * @param webhookUrl {@code ALERTS_WEBHOOK_URL}, a pager's or chat's incoming webhook
     * @param webhookToken {@code ALERTS_WEBHOOK_TOKEN}, sent as a bearer token
     * @param webhookMinimum the least severe alert the webhook gets ({@code ALERTS_WEBHOOK_MIN_SEVERITY}, CRITICAL)
     * @param smtpHost {@code ALERTS_SMTP_HOST}
     * @param smtpPort {@code ALERTS_SMTP_PORT}, 25 by default
     * @param emailFrom {@code ALERTS_EMAIL_FROM}
     * @param emailTo {@code ALERTS_EMAIL_TO}, comma-separated
     * @param emailMinimum the least severe alert e-mailed ({@code ALERTS_EMAIL_MIN_SEVERITY}, WARNING)
     * @param smtpStartTls {@code ALERTS_SMTP_STARTTLS}: upgrade to TLS before anything else, or do not send
     * @param smtpLogin {@code ALERTS_SMTP_USERNAME} and {@code ALERTS_SMTP_PASSWORD}, after STARTTLS
     * @param pagerDuty PagerDuty Events API v2, when {@code ALERTS_PAGERDUTY_ROUTING_KEY} is set
     * @param slack a Slack-compatible incoming webhook, when {@code ALERTS_SLACK_WEBHOOK_URL} is set
     * @param maxPerMinute {@code ALERTS_MAX_PER_MINUTE}: alerts outside incidents each remote sink gets in a minute
     */
    public record Alerts(Optional<java.net.URI> webhookUrl, Optional<String> webhookToken,
            dev.tradingcore.domain.port.AlertSeverity webhookMinimum, Optional<String> smtpHost, int smtpPort,
            String emailFrom, java.util.List<String> emailTo, dev.tradingcore.domain.port.AlertSeverity emailMinimum,
            boolean smtpStartTls, Optional<dev.tradingcore.adapters.alerting.SmtpLogin> smtpLogin,
            Optional<PagerDuty> pagerDuty, Optional<Slack> slack, int maxPerMinute) {

        /** Where PagerDuty events go, with which key, from which severity. The key is never printed. */
        public record PagerDuty(java.net.URI eventsUrl, String routingKey,
                dev.tradingcore.domain.port.AlertSeverity minimum) {

            public PagerDuty {
                Objects.requireNonNull(eventsUrl, "eventsUrl");
                Objects.requireNonNull(routingKey, "routingKey");
                Objects.requireNonNull(minimum, "minimum");
            }

            @Override
            public String toString() {
                return "PagerDuty[" + eventsUrl.getScheme() + "://" + eventsUrl.getHost() + ", routing key ***, "
                        + minimum + " and worse]";
            }
        }

        /** A Slack-compatible incoming webhook; its URL is a credential, never printed beyond its host. */
        public record Slack(java.net.URI webhookUrl, dev.tradingcore.domain.port.AlertSeverity minimum) {

            public Slack {
                Objects.requireNonNull(webhookUrl, "webhookUrl");
                Objects.requireNonNull(minimum, "minimum");
            }

            @Override
            public String toString() {
                return "Slack[" + webhookUrl.getScheme() + "://" + webhookUrl.getHost() + "/***, " + minimum
                        + " and worse]";
            }
        }

        /** The default number of alerts outside incidents a remote sink gets in any minute. */
        public static final int DEFAULT_MAX_PER_MINUTE = 10;

        public Alerts {
            Objects.requireNonNull(webhookUrl, "webhookUrl");
            Objects.requireNonNull(webhookToken, "webhookToken");
            Objects.requireNonNull(webhookMinimum, "webhookMinimum");
            Objects.requireNonNull(smtpHost, "smtpHost");
            Objects.requireNonNull(emailFrom, "emailFrom");
            emailTo = java.util.List.copyOf(emailTo);
            Objects.requireNonNull(emailMinimum, "emailMinimum");
            Objects.requireNonNull(smtpLogin, "smtpLogin");
            Objects.requireNonNull(pagerDuty, "pagerDuty");
            Objects.requireNonNull(slack, "slack");
            if (maxPerMinute < 1) {
                throw new IllegalArgumentException("alerts per minute must be at least 1, got " + maxPerMinute);
            }
        }

        /** The webhook and a plain relay only, as before PagerDuty, Slack and STARTTLS. */
        public Alerts(Optional<java.net.URI> webhookUrl, Optional<String> webhookToken,
                dev.tradingcore.domain.port.AlertSeverity webhookMinimum, Optional<String> smtpHost, int smtpPort,
                String emailFrom, java.util.List<String> emailTo,
                dev.tradingcore.domain.port.AlertSeverity emailMinimum) {
            this(webhookUrl, webhookToken, webhookMinimum, smtpHost, smtpPort, emailFrom, emailTo, emailMinimum, false,
                    Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_MAX_PER_MINUTE);
        }

        /** Only the log. */
        public static Alerts logOnly() {
            return new Alerts(Optional.empty(), Optional.empty(), dev.tradingcore.domain.port.AlertSeverity.CRITICAL,
                    Optional.empty(), 25, "trading-core@localhost", java.util.List.of(),
                    dev.tradingcore.domain.port.AlertSeverity.WARNING);
        }

        /** The same, with PagerDuty. */
        public Alerts withPagerDuty(PagerDuty value) {
            return new Alerts(webhookUrl, webhookToken, webhookMinimum, smtpHost, smtpPort, emailFrom, emailTo,
                    emailMinimum, smtpStartTls, smtpLogin, Optional.of(value), slack, maxPerMinute);
        }

        @Override
        public String toString() {
            return "Alerts[webhook=" + webhookUrl.map(u -> u.getScheme() + "://" + u.getHost() + "/***").orElse("none")
                    + ", token=" + webhookToken.map(t -> "***").orElse("none") + ", webhookMinimum=" + webhookMinimum
                    + ", smtp=" + smtpHost.map(h -> h + ":" + smtpPort + (smtpStartTls ? " STARTTLS" : "")
                            + smtpLogin.map(l -> " as " + l.username() + " (password ***)").orElse("")).orElse("none")
                    + ", from=" + emailFrom + ", to=" + emailTo + ", emailMinimum=" + emailMinimum + ", pagerDuty="
                    + pagerDuty.map(PagerDuty::toString).orElse("none") + ", slack="
                    + slack.map(Slack::toString).orElse("none") + ", maxPerMinute=" + maxPerMinute + "]";
        }
    }

    /**
     * The design's monitoring thresholds ({@code MONITORING_*}); see {@code HealthMonitor}.
     *
     * @param interval how often the checks run; also the window of the write latency percentile
     * @param writeLatencyP99 fill transactions' 99th percentile over the interval above which it is critical
     * @param poolUtilizationPercent share of a pool's connections lent out above which it is a warning
     * @param diskFreeWarningPercent free disk below which it is a warning
     * @param diskFreeCriticalPercent free disk below which it is critical
     * @param replicationLagWarning replica replay lag above which it is a warning
     * @param replicationLagCritical replica replay lag above which it is critical
     * @param slowQuery a statement running longer than this is a warning
     * @param resolveMarginPercent how far past its threshold, in % of it, a figure must be back before its alert may
     *     resolve (0 to 99; see {@code Hysteresis})
     * @param resolveAfterRounds how many checks in a row must find it that far back (1 to 100)
     */
    public record Monitoring(Duration interval, Duration writeLatencyP99, int poolUtilizationPercent,
            int diskFreeWarningPercent, int diskFreeCriticalPercent, Duration replicationLagWarning,
            Duration replicationLagCritical, Duration slowQuery, int resolveMarginPercent, int resolveAfterRounds) {

        public Monitoring {
            for (Duration d : new Duration[] {interval, writeLatencyP99, replicationLagWarning, replicationLagCritical,
                    slowQuery}) {
                Objects.requireNonNull(d, "durations");
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("monitoring durations must be positive, got " + d);
                }
            }
            if (poolUtilizationPercent < 1 || poolUtilizationPercent > 100) {
                throw new IllegalArgumentException("the pool utilization threshold must be from 1 to 100 %, got "
                        + poolUtilizationPercent);
            }
            if (diskFreeCriticalPercent < 0 || diskFreeWarningPercent > 100
                    || diskFreeCriticalPercent > diskFreeWarningPercent) {
                throw new IllegalArgumentException("the free disk thresholds must satisfy 0 <= critical <= warning <="
                        + " 100, got critical " + diskFreeCriticalPercent + " % and warning " + diskFreeWarningPercent
                        + " %");
            }
            if (resolveMarginPercent < 0 || resolveMarginPercent > 99) {
                throw new IllegalArgumentException("the resolve margin must be from 0 to 99 % of the threshold, got "
                        + resolveMarginPercent);
            }
            if (resolveAfterRounds < 1 || resolveAfterRounds > 100) {
                throw new IllegalArgumentException("the healthy checks before an alert resolves must be from 1 to"
                        + " 100, got " + resolveAfterRounds);
            }
            if (replicationLagCritical.compareTo(replicationLagWarning) < 0) {
                throw new IllegalArgumentException("the critical replication lag must not be below the warning one,"
                        + " got " + replicationLagCritical.toMillis() + " ms < " + replicationLagWarning.toMillis()
                        + " ms");
            }
        }

        /**
         * The design's: write latency 100 ms (critical), pool 80 % (warning), disk 20 % free (warning) and 10 %
         * (critical), replication lag 5 s (warning) and 10 s (critical), queries 1 s (warning); checked every 30 s.
         * An alert resolves after 3 checks in a row find its figure 10 % of the threshold back on the healthy side.
         */
        public static Monitoring design() {
            return new Monitoring(Duration.ofSeconds(30), Duration.ofMillis(100), 80, 20, 10, Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(1), 10, 3);
        }
    }

    /**
     * The embedded server used when no database is configured.
     *
     * @param dataDirectory where its data lives across runs
     * @param port the loopback port it listens on
     * @param database the database on it the core uses ({@code EMBEDDED_DATABASE}; e.g. one {@code restore} made)
     */
    public record Embedded(Path dataDirectory, int port, String database) {

        /** The database created on the embedded server when none is named. */
        public static final String DEFAULT_DATABASE = "trading_core";

        public Embedded {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(database, "database");
        }

        /** The default database on it. */
        public Embedded(Path dataDirectory, int port) {
            this(dataDirectory, port, DEFAULT_DATABASE);
        }
    }

    /** Printable: the database URL without its password. */
    public String describeDatabase() {
        return databaseUrl.map(DatabaseUrl::redacted)
                .orElse("embedded PostgreSQL in " + embedded.dataDirectory() + " on port " + embedded.port()
                        + (embedded.database().equals(Embedded.DEFAULT_DATABASE) ? ""
                                : ", database " + embedded.database()));
    }

    /**
     * The metrics endpoint ({@code METRICS_PORT}, {@code METRICS_BIND}): {@code /metrics} in Prometheus' text format
     * and {@code /health/live}, {@code /health/ready}, served by the core's process when a port is set.
     *
     * @param port where to listen; empty: no endpoint (0: any free port, for tests)
     * @param bind the address to listen on; loopback unless set
     */
    public record Metrics(Optional<Integer> port, String bind) {

        public Metrics {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(bind, "bind");
            port.ifPresent(p -> {
                if (p < 0 || p > 65535) {
                    throw new IllegalArgumentException("the metrics port must be from 0 to 65535, got " + p);
                }
            });
        }

        /** No endpoint. */
        public static Metrics off() {
            return new Metrics(Optional.empty(), "127.0.0.1");
        }
    }
}
