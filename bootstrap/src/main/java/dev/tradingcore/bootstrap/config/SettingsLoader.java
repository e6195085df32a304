package dev.tradingcore.bootstrap.config;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@link Settings} with SmallRye Config from, highest priority first:
 * <ol>
 *   <li>command-line overrides ({@code --set database.pool-size=10});</li>
 *   <li>Java system properties ({@code -Ddatabase.pool-size=10});</li>
 *   <li>environment variables, the design's names: {@code DATABASE_URL}, {@code DATABASE_POOL_SIZE},
 *       {@code DATABASE_TIMEOUT_SECONDS}, {@code DATABASE_SSL_MODE} (SmallRye maps {@code database.pool-size} to
 *       {@code DATABASE_POOL_SIZE});</li>
 *   <li>a properties file ({@code --config FILE}, else {@code ./trading-core.properties} when present);</li>
 *   <li>the defaults below.</li>
 * </ol>
 * Every bad value is reported with the property and the environment variable that set it; a password never appears.
 */
public final class SettingsLoader {

    static final String DATABASE_URL = "database.url";
    static final String DATABASE_PASSWORD = "database.password";
    static final String DATABASE_POOL_SIZE = "database.pool-size";
    static final String DATABASE_TIMEOUT_SECONDS = "database.timeout-seconds";
    static final String DATABASE_SSL_MODE = "database.ssl-mode";
    static final String EMBEDDED_DATA_DIRECTORY = "embedded.data-directory";
    static final String EMBEDDED_PORT = "embedded.port";
    static final String DATABASE_REPLICA_URL = "database.replica-url";
    static final String DATABASE_REPLICA_MAX_LAG = "database.replica-max-lag";
    static final String DATABASE_SYNCHRONOUS_COMMIT = "database.synchronous-commit";
    static final String INITIAL_CAPITAL = "trading.initial-capital";
    static final String RISK_SNAPSHOT_INTERVAL = "trading.risk-snapshot-interval";
    static final String BROKER_SYNC_INTERVAL = "trading.broker-sync-interval";
    static final String MAX_ORDERS_PER_SECOND = "trading.max-orders-per-second";
    static final String MAX_ORDERS_PER_SECOND_PER_SYMBOL = "trading.max-orders-per-second-per-symbol";
    static final String MAX_REFUSALS_PER_SECOND = "trading.max-refusals-per-second";
    static final String MAX_REFUSALS_PER_SECOND_PER_SYMBOL = "trading.max-refusals-per-second-per-symbol";
    static final String RESTING_ORDERS = "trading.resting-orders";
    static final String RESTING_ORDERS_DEGRADED_AFTER = "trading.resting-orders-degraded-after";
    static final String TRADING_DAY_ZONE = "trading.day-zone";
    static final String RISK_SECTORS_FILE = "risk.sectors-file";
    static final String RISK_MARK_STALE_AFTER = "risk.mark-stale-after";
    static final String BROKER_KEY_ID = "broker.key-id";
    static final String BROKER_SECRET_KEY = "broker.secret-key";
    static final String ALERTS_WEBHOOK_URL = "alerts.webhook-url";
    static final String ALERTS_WEBHOOK_TOKEN = "alerts.webhook-token";
    static final String ALERTS_WEBHOOK_MIN_SEVERITY = "alerts.webhook-min-severity";
    static final String ALERTS_SMTP_HOST = "alerts.smtp-host";
    static final String ALERTS_SMTP_PORT = "alerts.smtp-port";
    static final String ALERTS_EMAIL_FROM = "alerts.email-from";
    static final String ALERTS_EMAIL_TO = "alerts.email-to";
    static final String ALERTS_EMAIL_MIN_SEVERITY = "alerts.email-min-severity";
    static final String ALERTS_SMTP_STARTTLS = "alerts.smtp-starttls";
    static final String ALERTS_SMTP_USERNAME = "alerts.smtp-username";
    static final String ALERTS_SMTP_PASSWORD = "alerts.smtp-password";
    static final String ALERTS_PAGERDUTY_ROUTING_KEY = "alerts.pagerduty-routing-key";
    static final String ALERTS_PAGERDUTY_EVENTS_URL = "alerts.pagerduty-events-url";
    static final String ALERTS_PAGERDUTY_MIN_SEVERITY = "alerts.pagerduty-min-severity";
    static final String ALERTS_SLACK_WEBHOOK_URL = "alerts.slack-webhook-url";
    static final String ALERTS_SLACK_MIN_SEVERITY = "alerts.slack-min-severity";
    static final String ALERTS_MAX_PER_MINUTE = "alerts.max-per-minute";
    /** {@code LOG_FORMAT}: {@code text} (default) or {@code json}, one JSON object per line. */
    public static final String LOG_FORMAT = "log.format";
    static final String MONITORING_INTERVAL = "monitoring.interval";
    static final String MONITORING_WRITE_LATENCY_P99 = "monitoring.write-latency-p99";
    static final String MONITORING_POOL_UTILIZATION_PERCENT = "monitoring.pool-utilization-percent";
    static final String MONITORING_DISK_FREE_WARNING_PERCENT = "monitoring.disk-free-warning-percent";
    static final String MONITORING_DISK_FREE_CRITICAL_PERCENT = "monitoring.disk-free-critical-percent";
    static final String MONITORING_REPLICATION_LAG_WARNING = "monitoring.replication-lag-warning";
    static final String MONITORING_REPLICATION_LAG_CRITICAL = "monitoring.replication-lag-critical";
    static final String MONITORING_SLOW_QUERY = "monitoring.slow-query";
    static final String MONITORING_RESOLVE_MARGIN_PERCENT = "monitoring.resolve-margin-percent";
    static final String MONITORING_RESOLVE_AFTER_CHECKS = "monitoring.resolve-after-checks";
    static final String METRICS_PORT = "metrics.port";
    static final String METRICS_BIND = "metrics.bind";
    static final String BACKUP_PG_BIN_DIR = "backup.pg-bin-dir";
    static final String AUDIT_SEAL_INTERVAL = "trading.audit-seal-interval";
    static final String AUDIT_DIGEST_INTERVAL = "alerts.audit-digest-interval";
    /** {@code TRADING_CORE_HOME}: the folder of everything kept on disk; {@code --home} sets it too. */
    public static final String HOME = "trading-core.home";
    static final String EMBEDDED_DATABASE = "embedded.database";

    /**
     * Every setting there is, in property form; the environment variable of each follows from it
     * ({@link #environmentName}). Any other key in a source of ours is an error, and the README's configuration
     * table is checked against this list.
     */
    private static final List<String> KNOWN = List.of(DATABASE_URL, DATABASE_PASSWORD, DATABASE_POOL_SIZE,
            DATABASE_TIMEOUT_SECONDS, DATABASE_SSL_MODE, DATABASE_REPLICA_URL, DATABASE_REPLICA_MAX_LAG,
            DATABASE_SYNCHRONOUS_COMMIT, INITIAL_CAPITAL, RISK_SNAPSHOT_INTERVAL,
            BROKER_SYNC_INTERVAL, MAX_ORDERS_PER_SECOND, MAX_ORDERS_PER_SECOND_PER_SYMBOL, MAX_REFUSALS_PER_SECOND,
            MAX_REFUSALS_PER_SECOND_PER_SYMBOL, RESTING_ORDERS, RESTING_ORDERS_DEGRADED_AFTER, EMBEDDED_DATA_DIRECTORY, EMBEDDED_PORT, EMBEDDED_DATABASE, BROKER_KEY_ID,
            BROKER_SECRET_KEY, ALERTS_WEBHOOK_URL, ALERTS_WEBHOOK_TOKEN, ALERTS_WEBHOOK_MIN_SEVERITY, ALERTS_SMTP_HOST,
            ALERTS_SMTP_PORT, ALERTS_EMAIL_FROM, ALERTS_EMAIL_TO, ALERTS_EMAIL_MIN_SEVERITY, ALERTS_SMTP_STARTTLS,
            ALERTS_SMTP_USERNAME, ALERTS_SMTP_PASSWORD, ALERTS_PAGERDUTY_ROUTING_KEY, ALERTS_PAGERDUTY_EVENTS_URL,
            ALERTS_PAGERDUTY_MIN_SEVERITY, ALERTS_SLACK_WEBHOOK_URL, ALERTS_SLACK_MIN_SEVERITY, ALERTS_MAX_PER_MINUTE,
            LOG_FORMAT, MONITORING_INTERVAL,
            MONITORING_WRITE_LATENCY_P99, MONITORING_POOL_UTILIZATION_PERCENT, MONITORING_DISK_FREE_WARNING_PERCENT,
            MONITORING_DISK_FREE_CRITICAL_PERCENT, MONITORING_REPLICATION_LAG_WARNING,
            MONITORING_REPLICATION_LAG_CRITICAL, MONITORING_SLOW_QUERY, MONITORING_RESOLVE_MARGIN_PERCENT,
            MONITORING_RESOLVE_AFTER_CHECKS, METRICS_PORT, METRICS_BIND, BACKUP_PG_BIN_DIR,
            HOME, TRADING_DAY_ZONE, RISK_SECTORS_FILE, RISK_MARK_STALE_AFTER, AUDIT_SEAL_INTERVAL, AUDIT_DIGEST_INTERVAL);

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** The default file, read when present in the working directory. */
    public static final Path DEFAULT_FILE = Path.of("trading-core.properties");

    private final SmallRyeConfig config;
    /** The user's home folder: {@code HOME} of the environment given, else the user record's. */
    private final Path userHome;

    private SettingsLoader(SmallRyeConfig config, Path userHome) {
        this.config = config;
        this.userHome = userHome;
    }

    /**
     * @param propertiesFile a file the user named explicitly (it must exist), or empty for the default file
     * @param overrides command-line overrides
     * @param environment the process environment (a parameter so tests need not change the real one)
     */
    public static SettingsLoader of(Optional<Path> propertiesFile, Map<String, String> overrides,
            Map<String, String> environment) {
        Map<String, String> systemProperties = systemProperties();
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(overrides, "command line", 500))
                .withSources(new PropertiesConfigSource(systemProperties, "system properties", 400))
                .withSources(new io.smallrye.config.EnvConfigSource(environment, 300));
        UnknownSettings unknown = new UnknownSettings(KNOWN)
                .checkProperties(overrides.keySet(), "--set")
                .checkProperties(systemProperties.keySet(), "the Java system properties (-D)")
                .checkEnvironment(environment.keySet());
        Path file = propertiesFile.orElse(DEFAULT_FILE);
        if (propertiesFile.isPresent() && !Files.isRegularFile(file)) {
            throw new ConfigurationException("the configuration file " + file + " does not exist");
        }
        if (Files.isRegularFile(file)) {
            try {
                PropertiesConfigSource source = new PropertiesConfigSource(file.toUri().toURL(), 250);
                unknown.checkProperties(source.getPropertyNames(), file.toString());
                builder.withSources(source);
            } catch (MalformedURLException e) {
                throw new ConfigurationException("the configuration file " + file + " cannot be read: " + e);
            } catch (IOException e) {
                throw new ConfigurationException("the configuration file " + file + " cannot be read: "
                        + e.getMessage());
            }
        }
        unknown.throwIfAny();
        // ~ is what the shell says it is: HOME=/tmp/x moves the default home, as a user expects (Java's user.home comes
        // from the user record and ignores it).
        String home = environment.get("HOME");
        return new SettingsLoader(builder.build(), home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home")));
    }

    /** The settings' namespaces; other system properties (java.*, user.* ...) are not ours to read. */
    private static final List<String> OUR_PREFIXES =
            List.of("database.", "embedded.", "trading.", "broker.", "alerts.", "monitoring.", "metrics.", "backup.",
                    "trading-core.", "risk.");

    /** Every setting there is, in property form ({@code database.pool-size}); the README's table lists the same. */
    public static List<String> knownSettings() {
        return KNOWN;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> props = new java.util.HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            // log.format alone of the log.* names: -Dlog.something of another library is not ours to refuse.
            if (OUR_PREFIXES.stream().anyMatch(name::startsWith) || name.equals(LOG_FORMAT)) {
                props.put(name, System.getProperty(name));
            }
        }
        return props;
    }

    /**
     * The directory of the PostgreSQL client programs backup and restore use ({@code BACKUP_PG_BIN_DIR}), when
     * configured; otherwise they are looked for (see the adapter's {@code PgTools}).
     */
    public Optional<Path> backupPgBinDir() {
        return text(BACKUP_PG_BIN_DIR).map(Path::of);
    }

    /** Reads and validates every setting. */
    public Settings load() {
        logFormat();
        Optional<DatabaseUrl> url = text(DATABASE_URL).map(raw -> convert(DATABASE_URL, raw, DatabaseUrl::parse));
        Optional<String> password = text(DATABASE_PASSWORD);
        if (password.isPresent()) {
            if (url.isEmpty()) {
                throw new ConfigurationException(describe(DATABASE_PASSWORD)
                        + " is set but " + describe(DATABASE_URL) + " is not");
            }
            url = url.map(u -> u.withPassword(password.get()));
        }
        Optional<String> sslMode = text(DATABASE_SSL_MODE).map(s -> s.toLowerCase(Locale.ROOT));
        if (sslMode.isPresent() && !SSL_MODES.contains(sslMode.get())) {
            throw new ConfigurationException(describe(DATABASE_SSL_MODE) + " is '" + sslMode.get()
                    + "'; it must be one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        if (sslMode.isPresent() && url.isPresent()) {
            url = Optional.of(url.get().withParameter("sslmode", sslMode.get()));
        }
        int poolSize = integer(DATABASE_POOL_SIZE, 20, 1, 500);
        int timeoutSeconds = integer(DATABASE_TIMEOUT_SECONDS, 5, 1, 3600);
        Path home = text(HOME).map(Path::of).orElse(userHome.resolve(".trading-core"));
        Path dataDirectory = text(EMBEDDED_DATA_DIRECTORY).map(Path::of).orElse(home.resolve("pgdata"));
        int port = integer(EMBEDDED_PORT, 54329, 1024, 65535);
        String embeddedDatabase = text(EMBEDDED_DATABASE).orElse(Settings.Embedded.DEFAULT_DATABASE);
        if (!embeddedDatabase.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new ConfigurationException(describe(EMBEDDED_DATABASE) + " is '" + embeddedDatabase + "'; it must"
                    + " be a database name of lower-case letters, digits and _");
        }
        Optional<DatabaseUrl> replica = text(DATABASE_REPLICA_URL)
                .map(raw -> convert(DATABASE_REPLICA_URL, raw, DatabaseUrl::parse));
        if (replica.isPresent() && url.isEmpty()) {
            throw new ConfigurationException(describe(DATABASE_REPLICA_URL) + " is set but " + describe(DATABASE_URL)
                    + " is not: a replica needs its primary");
        }
        if (replica.isPresent() && password.isPresent()) {
            replica = replica.map(r -> r.withPassword(password.get()));
        }
        java.math.BigDecimal capital = decimal(INITIAL_CAPITAL, new java.math.BigDecimal("1000000"));
        Settings.Trading trading = new Settings.Trading(capital,
                duration(RISK_SNAPSHOT_INTERVAL, Duration.ofMinutes(5)), duration(BROKER_SYNC_INTERVAL,
                        Duration.ofMillis(500)), orderRateLimits(), restingOrders());
        return new Settings(url, poolSize, Duration.ofSeconds(timeoutSeconds), sslMode,
                new Settings.Embedded(dataDirectory, port, embeddedDatabase), replica, trading,
                new Settings.Broker(text(BROKER_KEY_ID), text(BROKER_SECRET_KEY)), alerts(), monitoring(), home, risk(),
                auditSealing(), replication(), metrics());
    }

    private Settings.Metrics metrics() {
        return new Settings.Metrics(text(METRICS_PORT).map(raw -> integer(METRICS_PORT, 0, 0, 65535)),
                text(METRICS_BIND).orElse("127.0.0.1"));
    }

    private Settings.AuditSealing auditSealing() {
        Duration seal = duration(AUDIT_SEAL_INTERVAL, Settings.AuditSealing.defaults().interval());
        Optional<Duration> digests = text(AUDIT_DIGEST_INTERVAL).map(raw -> duration(AUDIT_DIGEST_INTERVAL, null));
        return new Settings.AuditSealing(seal, digests);
    }

    private dev.tradingcore.adapters.postgres.connection.ReplicationSettings replication() {
        var defaults = dev.tradingcore.adapters.postgres.connection.ReplicationSettings.DEFAULTS;
        Duration maxLag = duration(DATABASE_REPLICA_MAX_LAG, defaults.replicaMaxLag());
        if (maxLag.isZero() || maxLag.isNegative()) {
            throw new ConfigurationException(describe(DATABASE_REPLICA_MAX_LAG) + " must be positive");
        }
        Optional<String> level = text(DATABASE_SYNCHRONOUS_COMMIT).map(s -> s.strip().toLowerCase(Locale.ROOT));
        if (level.isPresent() && !dev.tradingcore.adapters.postgres.connection.ReplicationSettings
                .SYNCHRONOUS_COMMIT_LEVELS.contains(level.get())) {
            throw new ConfigurationException(describe(DATABASE_SYNCHRONOUS_COMMIT) + " is '" + level.get()
                    + "'; it must be one of on, remote_apply, remote_write, local (off would acknowledge fills that"
                    + " are on no disk yet)");
        }
        return new dev.tradingcore.adapters.postgres.connection.ReplicationSettings(maxLag, level);
    }

    private Settings.Risk risk() {
        java.time.ZoneId zone = text(TRADING_DAY_ZONE).map(raw -> {
            try {
                return java.time.ZoneId.of(raw.strip());
            } catch (java.time.DateTimeException e) {
                throw new ConfigurationException(describe(TRADING_DAY_ZONE) + " is '" + raw + "'; it must be a time"
                        + " zone id such as America/New_York, Europe/London or UTC");
            }
        }).orElse(Settings.Risk.defaults().dayZone());
        java.util.Map<String, String> sectors = text(RISK_SECTORS_FILE).map(raw -> sectors(Path.of(raw)))
                .orElse(java.util.Map.of());
        Duration stale = duration(RISK_MARK_STALE_AFTER, Settings.Risk.defaults().markStaleAfter());
        return new Settings.Risk(zone, sectors, stale, Settings.Risk.defaults().markFlushInterval());
    }

    /**
     * The symbol-to-sector file: one {@code SYMBOL=Sector} a line (a properties file), {@code #} comments. A symbol
     * that is not a symbol, or a blank sector, is an error naming the line's key.
     */
    private java.util.Map<String, String> sectors(Path file) {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(describe(RISK_SECTORS_FILE) + ": " + file + " cannot be read ("
                    + e.getMessage() + "); it must be a file of SYMBOL=Sector lines");
        }
        java.util.Map<String, String> sectors = new java.util.TreeMap<>();
        for (String symbol : properties.stringPropertyNames()) {
            String sector = properties.getProperty(symbol).strip();
            try {
                dev.tradingcore.domain.common.Symbol.of(symbol);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(describe(RISK_SECTORS_FILE) + ": '" + symbol + "' in " + file
                        + " is not a symbol as the broker spells it (upper case, e.g. AAPL)");
            }
            if (sector.isEmpty() || sector.length() > 100) {
                throw new ConfigurationException(describe(RISK_SECTORS_FILE) + ": the sector of " + symbol + " in "
                        + file + " must be 1 to 100 characters");
            }
            sectors.put(symbol, sector);
        }
        return sectors;
    }

    private dev.tradingcore.domain.risk.OrderRateLimits orderRateLimits() {
        dev.tradingcore.domain.risk.OrderRateLimits defaults = dev.tradingcore.domain.risk.OrderRateLimits.defaults();
        int max = 1_000_000;
        try {
            // A per-symbol limit left unset never exceeds the overall one set lower.
            int orders = integer(MAX_ORDERS_PER_SECOND, defaults.maxOrdersPerSecond(), 1, max);
            int refusals = integer(MAX_REFUSALS_PER_SECOND, defaults.maxRefusalsPerSecond(), 1, max);
            return new dev.tradingcore.domain.risk.OrderRateLimits(orders,
                    integer(MAX_ORDERS_PER_SECOND_PER_SYMBOL, Math.min(orders, defaults.maxOrdersPerSecondPerSymbol()),
                            1, max),
                    refusals, integer(MAX_REFUSALS_PER_SECOND_PER_SYMBOL,
                            Math.min(refusals, defaults.maxRefusalsPerSecondPerSymbol()), 1, max));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("order rate limits (" + environmentName(MAX_ORDERS_PER_SECOND)
                    + " ...): " + e.getMessage());
        }
    }

    private dev.tradingcore.application.order.RestingOrders.Policy restingOrders() {
        dev.tradingcore.application.order.RestingOrders.Policy defaults =
                dev.tradingcore.application.order.RestingOrders.Policy.defaults();
        dev.tradingcore.application.order.RestingOrders.Action action = text(RESTING_ORDERS).map(raw -> {
            try {
                return dev.tradingcore.application.order.RestingOrders.Action.parse(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(describe(RESTING_ORDERS) + " is '" + raw + "'; it must be cancel"
                        + " (cancel our resting orders at the broker when the core cannot keep its books) or leave");
            }
        }).orElse(defaults.action());
        return new dev.tradingcore.application.order.RestingOrders.Policy(action,
                duration(RESTING_ORDERS_DEGRADED_AFTER, defaults.degradedAfter()));
    }

    /** An absolute http(s) URL; never quoted in the error, since such URLs often carry a secret in their path. */
    private Optional<java.net.URI> httpUrl(String property) {
        return text(property).map(raw -> {
            java.net.URI uri;
            try {
                uri = new java.net.URI(raw.strip());
            } catch (java.net.URISyntaxException e) {
                throw new ConfigurationException(describe(property) + " is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigurationException(describe(property) + " must be an absolute http or https"
                        + " URL with a host");
            }
            return uri;
        });
    }

    private Settings.Alerts alerts() {
        Optional<java.net.URI> webhook = httpUrl(ALERTS_WEBHOOK_URL);
        Optional<String> token = text(ALERTS_WEBHOOK_TOKEN);
        if (token.isPresent() && webhook.isEmpty()) {
            throw new ConfigurationException(describe(ALERTS_WEBHOOK_TOKEN) + " is set but "
                    + describe(ALERTS_WEBHOOK_URL) + " is not");
        }
        if (token.isPresent() && token.get().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ConfigurationException(describe(ALERTS_WEBHOOK_TOKEN)
                    + " must be printable ASCII without spaces");
        }
        Optional<String> smtpHost = text(ALERTS_SMTP_HOST);
        java.util.List<String> to = text(ALERTS_EMAIL_TO).map(raw -> java.util.Arrays.stream(raw.split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).toList()).orElse(java.util.List.of());
        if (smtpHost.isPresent() != !to.isEmpty()) {
            throw new ConfigurationException(smtpHost.isPresent()
                    ? describe(ALERTS_SMTP_HOST) + " is set but " + describe(ALERTS_EMAIL_TO) + " is not: e-mail"
                            + " alerts need both"
                    : describe(ALERTS_EMAIL_TO) + " is set but " + describe(ALERTS_SMTP_HOST) + " is not: e-mail"
                            + " alerts need both");
        }
        int smtpPort = integer(ALERTS_SMTP_PORT, 25, 1, 65535);
        String from = text(ALERTS_EMAIL_FROM).orElse("trading-core@localhost");
        if (smtpHost.isPresent()) {
            try {
                dev.tradingcore.adapters.alerting.EmailSettings.of(smtpHost.get(), smtpPort, from, to);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("e-mail alerts (" + describe(ALERTS_SMTP_HOST) + ", "
                        + describe(ALERTS_EMAIL_FROM) + ", " + describe(ALERTS_EMAIL_TO) + "): " + e.getMessage());
            }
        }
        boolean startTls = bool(ALERTS_SMTP_STARTTLS, false);
        Optional<String> username = text(ALERTS_SMTP_USERNAME);
        Optional<String> smtpPassword = text(ALERTS_SMTP_PASSWORD);
        if (username.isPresent() != smtpPassword.isPresent()) {
            throw new ConfigurationException((username.isPresent() ? describe(ALERTS_SMTP_USERNAME)
                    : describe(ALERTS_SMTP_PASSWORD)) + " is set but " + (username.isPresent()
                            ? describe(ALERTS_SMTP_PASSWORD) : describe(ALERTS_SMTP_USERNAME))
                    + " is not: an SMTP login needs both");
        }
        if ((username.isPresent() || startTls) && smtpHost.isEmpty()) {
            throw new ConfigurationException(describe(username.isPresent() ? ALERTS_SMTP_USERNAME
                    : ALERTS_SMTP_STARTTLS) + " is set but " + describe(ALERTS_SMTP_HOST) + " is not");
        }
        if (username.isPresent() && !startTls) {
            throw new ConfigurationException(describe(ALERTS_SMTP_USERNAME) + " is set but "
                    + describe(ALERTS_SMTP_STARTTLS) + " is not true: the password would cross the network in clear;"
                    + " set " + environmentName(ALERTS_SMTP_STARTTLS) + "=true (a relay on port 587 offers it)");
        }
        Optional<dev.tradingcore.adapters.alerting.SmtpLogin> login = username.map(user -> {
            try {
                return new dev.tradingcore.adapters.alerting.SmtpLogin(user, smtpPassword.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("the SMTP login (" + describe(ALERTS_SMTP_USERNAME) + ", "
                        + describe(ALERTS_SMTP_PASSWORD) + "): " + e.getMessage());
            }
        });
        Optional<String> routingKey = text(ALERTS_PAGERDUTY_ROUTING_KEY).map(String::strip);
        Optional<java.net.URI> eventsUrl = httpUrl(ALERTS_PAGERDUTY_EVENTS_URL);
        if (routingKey.isEmpty() && (eventsUrl.isPresent() || text(ALERTS_PAGERDUTY_MIN_SEVERITY).isPresent())) {
            throw new ConfigurationException(describe(eventsUrl.isPresent() ? ALERTS_PAGERDUTY_EVENTS_URL
                    : ALERTS_PAGERDUTY_MIN_SEVERITY) + " is set but " + describe(ALERTS_PAGERDUTY_ROUTING_KEY)
                    + " is not");
        }
        if (routingKey.isPresent() && routingKey.get().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // Not quoted: it is a secret.
            throw new ConfigurationException(describe(ALERTS_PAGERDUTY_ROUTING_KEY)
                    + " must be printable ASCII without spaces (the integration key of an Events API v2 integration)");
        }
        Optional<Settings.Alerts.PagerDuty> pagerDuty = routingKey.map(key -> new Settings.Alerts.PagerDuty(
                eventsUrl.orElse(dev.tradingcore.adapters.alerting.PagerDutySettings.EVENTS_API), key,
                severity(ALERTS_PAGERDUTY_MIN_SEVERITY, dev.tradingcore.domain.port.AlertSeverity.CRITICAL)));
        Optional<java.net.URI> slackUrl = httpUrl(ALERTS_SLACK_WEBHOOK_URL);
        if (slackUrl.isEmpty() && text(ALERTS_SLACK_MIN_SEVERITY).isPresent()) {
            throw new ConfigurationException(describe(ALERTS_SLACK_MIN_SEVERITY) + " is set but "
                    + describe(ALERTS_SLACK_WEBHOOK_URL) + " is not");
        }
        Optional<Settings.Alerts.Slack> slack = slackUrl.map(url -> new Settings.Alerts.Slack(url,
                severity(ALERTS_SLACK_MIN_SEVERITY, dev.tradingcore.domain.port.AlertSeverity.WARNING)));
        return new Settings.Alerts(webhook, token,
                severity(ALERTS_WEBHOOK_MIN_SEVERITY, dev.tradingcore.domain.port.AlertSeverity.CRITICAL), smtpHost,
                smtpPort, from, to,
                severity(ALERTS_EMAIL_MIN_SEVERITY, dev.tradingcore.domain.port.AlertSeverity.WARNING), startTls, login,
                pagerDuty, slack, integer(ALERTS_MAX_PER_MINUTE, Settings.Alerts.DEFAULT_MAX_PER_MINUTE, 1, 10_000));
    }

    /** {@code LOG_FORMAT}: {@code text} or {@code json}. */
    public String logFormat() {
        String format = text(LOG_FORMAT).map(f -> f.strip().toLowerCase(Locale.ROOT)).orElse("text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new ConfigurationException(describe(LOG_FORMAT) + " is '" + format + "'; it must be text or json");
        }
        return format;
    }

    private dev.tradingcore.domain.port.AlertSeverity severity(String property,
            dev.tradingcore.domain.port.AlertSeverity defaultValue) {
        Optional<String> raw = text(property);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return dev.tradingcore.domain.port.AlertSeverity.valueOf(raw.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(describe(property) + " is '" + raw.get() + "'; it must be one of INFO,"
                    + " WARNING, HIGH, CRITICAL");
        }
    }

    private Settings.Monitoring monitoring() {
        Settings.Monitoring design = Settings.Monitoring.design();
        try {
            return new Settings.Monitoring(duration(MONITORING_INTERVAL, design.interval()),
                    duration(MONITORING_WRITE_LATENCY_P99, design.writeLatencyP99()),
                    integer(MONITORING_POOL_UTILIZATION_PERCENT, design.poolUtilizationPercent(), 1, 100),
                    integer(MONITORING_DISK_FREE_WARNING_PERCENT, design.diskFreeWarningPercent(), 0, 100),
                    integer(MONITORING_DISK_FREE_CRITICAL_PERCENT, design.diskFreeCriticalPercent(), 0, 100),
                    duration(MONITORING_REPLICATION_LAG_WARNING, design.replicationLagWarning()),
                    duration(MONITORING_REPLICATION_LAG_CRITICAL, design.replicationLagCritical()),
                    duration(MONITORING_SLOW_QUERY, design.slowQuery()),
                    integer(MONITORING_RESOLVE_MARGIN_PERCENT, design.resolveMarginPercent(), 0, 99),
                    integer(MONITORING_RESOLVE_AFTER_CHECKS, design.resolveAfterRounds(), 1, 100));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("monitoring thresholds (MONITORING_*): " + e.getMessage());
        }
    }

    private Optional<String> text(String property) {
        return config.getOptionalValue(property, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private boolean bool(String property, boolean defaultValue) {
        Optional<String> raw = text(property).map(v -> v.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigurationException(describe(property) + " is '" + raw.get() + "'; it must be true"
                    + " or false");
        };
    }

    private int integer(String property, int defaultValue, int min, int max) {
        Optional<String> raw = text(property);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(describe(property) + " is '" + raw.get() + "'; it must be a whole number"
                    + " from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new ConfigurationException(describe(property) + " is " + value + "; it must be from " + min
                    + " to " + max);
        }
        return value;
    }

    private java.math.BigDecimal decimal(String property, java.math.BigDecimal defaultValue) {
        Optional<String> raw = text(property);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            java.math.BigDecimal value = new java.math.BigDecimal(raw.get());
            if (value.signum() < 0 || value.stripTrailingZeros().scale() > 2) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(describe(property) + " is '" + raw.get() + "'; it must be an amount of"
                    + " money, not negative, at most 2 decimal places (e.g. 1000000 or 250000.50)");
        }
    }

    private Duration duration(String property, Duration defaultValue) {
        Optional<String> raw = text(property);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration value;
        try {
            String text = raw.get().toUpperCase(Locale.ROOT);
            value = text.startsWith("P") ? Duration.parse(text) : parseShort(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException(describe(property) + " is '" + raw.get() + "'; it must be a duration"
                    + " such as 500ms, 30s, 5m or PT5M");
        }
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(describe(property) + " is '" + raw.get() + "'; it must be positive");
        }
        return value;
    }

    /** 500ms, 30s, 5m, 2h. */
    static Duration parseShort(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(MS|S|M|H)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "MS" -> Duration.ofMillis(n);
            case "S" -> Duration.ofSeconds(n);
            case "M" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private <T> T convert(String property, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            // The parser's own message never repeats a password; the raw value might, so it is not quoted here.
            throw new ConfigurationException(describe(property) + " is not usable: " + e.getMessage());
        }
    }

    /** "DATABASE_POOL_SIZE (database.pool-size)", the way an operator sets it and the way a file does. */
    static String describe(String property) {
        return environmentName(property) + " (" + property + ")";
    }

    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
