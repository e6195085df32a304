package dev.tradingcore.bootstrap.config;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
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
 */
public record Settings(Optional<DatabaseUrl> databaseUrl, int poolSize, Duration timeout, Optional<String> sslMode,
        Embedded embedded, Optional<DatabaseUrl> replicaUrl, Trading trading, Broker broker) {

    public Settings {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(sslMode, "sslMode");
        Objects.requireNonNull(embedded, "embedded");
        Objects.requireNonNull(replicaUrl, "replicaUrl");
        Objects.requireNonNull(trading, "trading");
        Objects.requireNonNull(broker, "broker");
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
        return new Settings(Optional.of(url), poolSize, timeout, sslMode, embedded, replicaUrl, trading, broker);
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
     * How the core trades.
     *
     * @param initialCapital the account's cash before its first trade (cash follows from positions after that)
     * @param riskSnapshotInterval how often a risk snapshot is taken while trading (the design: 5 minutes)
     * @param brokerSyncInterval how often fills and order states are fetched from the broker
     */
    public record Trading(java.math.BigDecimal initialCapital, Duration riskSnapshotInterval,
            Duration brokerSyncInterval) {

        public Trading {
            Objects.requireNonNull(initialCapital, "initialCapital");
            Objects.requireNonNull(riskSnapshotInterval, "riskSnapshotInterval");
            Objects.requireNonNull(brokerSyncInterval, "brokerSyncInterval");
        }
    }

    /**
     * The embedded server used when no database is configured.
     *
     * @param dataDirectory where its data lives across runs
     * @param port the loopback port it listens on
     */
    public record Embedded(Path dataDirectory, int port) {}

    /** Printable: the database URL without its password. */
    public String describeDatabase() {
        return databaseUrl.map(DatabaseUrl::redacted)
                .orElse("embedded PostgreSQL in " + embedded.dataDirectory() + " on port " + embedded.port());
    }
}
