package dev.tradingcore.adapters.postgres.backup;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;

/**
 * Records each run of {@code backup} in the database it backed up ({@code backup_runs}, V12), so that the core's
 * metrics can show the age of the newest good backup and the time of the newest failed one.
 */
public final class BackupRuns {

    private BackupRuns() {}

    /**
     * Adds one run. Throws when the database cannot take it (unreachable, or a schema older than V12): the caller
     * says so and the backup's own result stands.
     *
     * @param failure why it failed; empty for a run that succeeded
     */
    public static void record(DatabaseUrl url, Duration timeout, Instant started, Instant finished,
            Optional<String> dumpFile, Optional<String> failure) throws SQLException {
        Properties props = new Properties();
        url.user().ifPresent(u -> props.setProperty("user", u));
        url.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "trading-core/backup");
        props.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        props.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), props);
                PreparedStatement ps = c.prepareStatement("INSERT INTO backup_runs (started_at, finished_at,"
                        + " succeeded, dump_file, failure) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(started, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(finished, ZoneOffset.UTC));
            ps.setBoolean(3, failure.isEmpty());
            ps.setString(4, dumpFile.orElse(null));
            ps.setString(5, failure.map(f -> f.length() > 2000 ? f.substring(0, 2000) : f).orElse(null));
            ps.executeUpdate();
        }
    }
}
