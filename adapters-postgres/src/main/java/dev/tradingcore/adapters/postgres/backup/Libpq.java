package dev.tradingcore.adapters.postgres.backup;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The same database for the client programs (libpq's environment) and for JDBC. */
final class Libpq {

    /** pgjdbc connection parameters that libpq knows under another name. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "sslmode", "PGSSLMODE", "sslrootcert", "PGSSLROOTCERT", "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY");

    private Libpq() {}

    /**
     * The libpq environment reaching {@code url}'s database: hosts and ports (pgjdbc's multi-host form becomes
     * libpq's lists), user, password (in the environment, never on a command line), SSL settings.
     */
    static Map<String, String> environment(DatabaseUrl url, Duration connectTimeout) {
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String hostPort : url.hosts().split(",")) {
            String h = hostPort.strip();
            String port = "5432";
            if (h.startsWith("[")) {
                int close = h.indexOf(']');
                port = h.length() > close + 2 && h.charAt(close + 1) == ':' ? h.substring(close + 2) : port;
                h = h.substring(1, close);
            } else if (h.lastIndexOf(':') > 0) {
                port = h.substring(h.lastIndexOf(':') + 1);
                h = h.substring(0, h.lastIndexOf(':'));
            }
            hosts.add(h);
            ports.add(port);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", String.join(",", hosts));
        env.put("PGPORT", String.join(",", ports));
        env.put("PGDATABASE", url.database());
        url.user().ifPresent(u -> env.put("PGUSER", u));
        url.password().ifPresent(p -> env.put("PGPASSWORD", p));
        PARAMETERS.forEach((jdbc, libpq) -> url.parameter(jdbc).ifPresent(v -> env.put(libpq, v)));
        env.put("PGCONNECT_TIMEOUT", Long.toString(Math.max(2, connectTimeout.toSeconds())));
        env.put("PGAPPNAME", "trading-core-backup");
        return env;
    }

    /** A JDBC connection to {@code url}'s database, bounded like the core's own. */
    static Connection connect(DatabaseUrl url, Duration timeout) throws SQLException {
        Properties props = new Properties();
        url.user().ifPresent(u -> props.setProperty("user", u));
        url.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", Long.toString(Math.max(2, timeout.toSeconds())));
        props.setProperty("ApplicationName", "trading-core-backup");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    /** The server's major version (15 for 15.4). */
    static int serverMajor(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).strip()) / 10_000;
        }
    }

    static String serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).strip();
        }
    }

    /** {@code name} quoted as an SQL identifier. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
