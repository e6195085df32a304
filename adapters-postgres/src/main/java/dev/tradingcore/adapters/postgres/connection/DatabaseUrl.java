package dev.tradingcore.adapters.postgres.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a PostgreSQL database is and who connects to it, parsed from either of the two forms operators write:
 * the design's libpq form {@code postgresql://user:password@host:port/db?sslmode=require} (also {@code postgres://})
 * or a pgjdbc URL {@code jdbc:postgresql://host:port/db?user=...&password=...}, including pgjdbc's multi-host form.
 *
 * <p>The password is kept apart from the URL so that {@link #toString()} and {@link #redacted()} can be logged safely:
 * neither ever contains it.
 */
public final class DatabaseUrl {

    private final String hosts;
    private final String database;
    private final Map<String, String> parameters;
    private final Optional<String> user;
    private final Optional<String> password;

    private DatabaseUrl(String hosts, String database, Map<String, String> parameters, Optional<String> user,
            Optional<String> password) {
        this.hosts = hosts;
        this.database = database;
        this.parameters = Map.copyOf(parameters);
        this.user = user;
        this.password = password;
    }

    /**
     * Parses either accepted form.
     *
     * @throws IllegalArgumentException naming what is wrong, without echoing a password
     */
    public static DatabaseUrl parse(String text) {
        Objects.requireNonNull(text, "database URL");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        if (trimmed.startsWith("jdbc:postgresql://")) {
            return parseJdbc(trimmed.substring("jdbc:postgresql://".length()));
        }
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return parseLibpq(trimmed);
        }
        throw new IllegalArgumentException(
                "the database URL must start with postgresql://, postgres:// or jdbc:postgresql:// (got '"
                        + redactAnything(trimmed) + "')");
    }

    private static DatabaseUrl parseLibpq(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the database URL is not a valid URL: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the database URL names no host ('" + redactAnything(text) + "')");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank()) {
            throw new IllegalArgumentException("the database URL names no database ('" + redactAnything(text) + "')");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        Map<String, String> params = query(uri.getRawQuery());
        // libpq spells a few things differently from pgjdbc; translate what the design uses.
        String userParam = params.remove("user");
        String passwordParam = params.remove("password");
        if (userParam != null) {
            user = Optional.of(userParam);
        }
        if (passwordParam != null) {
            password = Optional.of(passwordParam);
        }
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return new DatabaseUrl(hostPort, database, params, user, password);
    }

    private static DatabaseUrl parseJdbc(String rest) {
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("the JDBC URL names no host or no database");
        }
        String hosts = rest.substring(0, slash);
        String tail = rest.substring(slash + 1);
        int question = tail.indexOf('?');
        String database = decode(question < 0 ? tail : tail.substring(0, question));
        if (database.isBlank()) {
            throw new IllegalArgumentException("the JDBC URL names no database");
        }
        Map<String, String> params = query(question < 0 ? null : tail.substring(question + 1));
        Optional<String> user = Optional.ofNullable(params.remove("user"));
        Optional<String> password = Optional.ofNullable(params.remove("password"));
        return new DatabaseUrl(hosts, database, params, user, password);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(key, value);
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Blanks out anything between "//" and "@" so that a URL with a password can appear in an error. */
    private static String redactAnything(String text) {
        return text.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** The same server and database as another user, for example the administrator of a test server. */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(hosts, otherDatabase, parameters, user, password);
    }

    /** The same database reached with another password (when the password comes from its own setting). */
    public DatabaseUrl withPassword(String otherPassword) {
        return new DatabaseUrl(hosts, database, parameters, user, Optional.of(otherPassword));
    }

    /**
     * The same database, user and parameters on other hosts, in pgjdbc's multi-host form
     * ({@code host1:5432,host2:5432}); pgjdbc tries them in order, see {@code targetServerType}.
     */
    public DatabaseUrl withHosts(String otherHosts) {
        Objects.requireNonNull(otherHosts, "hosts");
        if (otherHosts.isBlank() || otherHosts.contains("/") || otherHosts.contains("@")) {
            throw new IllegalArgumentException(
                    "hosts must look like host:port[,host:port...], got '" + otherHosts + "'");
        }
        return new DatabaseUrl(otherHosts, database, parameters, user, password);
    }

    /** This URL with one connection parameter set (pgjdbc names: sslmode, socketTimeout, ...). */
    public DatabaseUrl withParameter(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value);
        return new DatabaseUrl(hosts, database, copy, user, password);
    }

    /** The pgjdbc URL without credentials; pass {@link #user()} and {@link #password()} separately. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(database);
        char sep = '?';
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = '&';
        }
        return url.toString();
    }

    public String hosts() {
        return hosts;
    }

    public String database() {
        return database;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters.get(key));
    }

    public Optional<String> user() {
        return user;
    }

    public Optional<String> password() {
        return password;
    }

    /** A printable form: the JDBC URL with the user, never the password. */
    public String redacted() {
        return jdbcUrl() + user.map(u -> " (user " + u + (password.isPresent() ? ", password ***" : "") + ")")
                .orElse("");
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseUrl other && hosts.equals(other.hosts) && database.equals(other.database)
                && parameters.equals(other.parameters) && user.equals(other.user) && password.equals(other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hosts, database, parameters, user);
    }
}
