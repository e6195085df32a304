package dev.tradingcore.adapters.postgres.connection;

import java.net.URLEncoder;
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

    /** pgjdbc's sslmode values; any other is refused when the URL is read, not when a connection is tried. */
    private static final java.util.Set<String> SSL_MODES =
            java.util.Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /**
     * Parses either accepted form.
     *
     * <p>The credentials of the libpq form end at the <em>last</em> {@code @}: a password may hold {@code / @ : ? # %}
     * as they are (the user ends at the first {@code :}), and a {@code @} in the database name or a parameter must
     * then be written {@code %40}. Percent-escapes ({@code %2F}) are decoded in the user, password, database and
     * parameters; a {@code %} not followed by two hex digits is kept as it is.
     *
     * @throws IllegalArgumentException naming what is wrong, never quoting the URL: whatever part of it is shown
     *     might be part of a password written where it was not expected
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
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (trimmed.startsWith(scheme)) {
                return parseLibpq(trimmed.substring(scheme.length()));
            }
        }
        throw new IllegalArgumentException(
                "the database URL must start with postgresql://, postgres:// or jdbc:postgresql://");
    }

    private static DatabaseUrl parseLibpq(String rest) {
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (!rawUser.isEmpty()) {
                user = Optional.of(decode(rawUser, false));
            }
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1), false));
            }
            rest = rest.substring(at + 1);
        }
        if (rest.indexOf('#') >= 0) {
            throw new IllegalArgumentException("the database URL holds a '#' after its host: write it %23");
        }
        int hostsEnd = firstOf(rest, '/', '?');
        String hosts = hosts(rest.substring(0, hostsEnd), true);
        String afterHosts = rest.substring(hostsEnd);
        int question = afterHosts.indexOf('?');
        String path = question < 0 ? afterHosts : afterHosts.substring(0, question);
        String database = decode(path.startsWith("/") ? path.substring(1) : path, false);
        if (database.isBlank()) {
            throw new IllegalArgumentException("the database URL names no database (postgresql://user@host:port/DB)");
        }
        Map<String, String> params = query(question < 0 ? null : afterHosts.substring(question + 1), false);
        // libpq spells a few things differently from pgjdbc; translate what the design uses.
        String userParam = params.remove("user");
        String passwordParam = params.remove("password");
        if (userParam != null) {
            user = Optional.of(userParam);
        }
        if (passwordParam != null) {
            password = Optional.of(passwordParam);
        }
        String sessionAttributes = params.remove("target_session_attrs");
        if (sessionAttributes != null) {
            params.put("targetServerType", targetServerType(sessionAttributes));
        }
        return new DatabaseUrl(hosts, database, checked(params), user, password);
    }

    /**
     * libpq's {@code target_session_attrs} as pgjdbc's {@code targetServerType}: {@code read-write} and {@code primary}
     * take only the server that accepts writes, {@code read-only} and {@code standby} only a standby,
     * {@code prefer-standby} a standby when one answers, {@code any} the first that answers.
     */
    private static String targetServerType(String attributes) {
        return switch (attributes) {
            case "read-write", "primary" -> "primary";
            case "read-only", "standby" -> "secondary";
            case "prefer-standby" -> "preferSecondary";
            case "any" -> "any";
            default -> throw new IllegalArgumentException("the database URL's target_session_attrs must be one of"
                    + " read-write, primary, read-only, standby, prefer-standby, any");
        };
    }

    private static DatabaseUrl parseJdbc(String rest) {
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("the JDBC URL names no database (jdbc:postgresql://host:port/DB)");
        }
        String hosts = hosts(rest.substring(0, slash), false);
        String tail = rest.substring(slash + 1);
        int question = tail.indexOf('?');
        // pgjdbc decodes its parameters as form data ('+' is a space); so do we, for the same URL to mean the same.
        String database = decode(question < 0 ? tail : tail.substring(0, question), true);
        if (database.isBlank()) {
            throw new IllegalArgumentException("the JDBC URL names no database (jdbc:postgresql://host:port/DB)");
        }
        Map<String, String> params = query(question < 0 ? null : tail.substring(question + 1), true);
        Optional<String> user = Optional.ofNullable(params.remove("user"));
        Optional<String> password = Optional.ofNullable(params.remove("password"));
        return new DatabaseUrl(hosts, database, checked(params), user, password);
    }

    /**
     * {@code host[:port][,host[:port]...]} as pgjdbc takes it, each port defaulting to 5432 (made explicit, so that
     * every message shows where it connects). An IPv6 address is written in brackets.
     */
    private static String hosts(String text, boolean libpq) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the database URL names no host (" + (libpq
                    ? "postgresql://user@HOST:port/db" : "jdbc:postgresql://HOST:port/db") + ")");
        }
        StringBuilder hosts = new StringBuilder();
        for (String hostPort : text.split(",", -1)) {
            String host;
            String port = "5432";
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("the database URL has an IPv6 host without its closing ']'");
                }
                host = hostPort.substring(0, close + 1);
                String after = hostPort.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new IllegalArgumentException("the database URL has text after an IPv6 host's ']'");
                    }
                    port = after.substring(1);
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                if (colon >= 0) {
                    port = hostPort.substring(colon + 1);
                }
            }
            if (host.isEmpty() || !(host.startsWith("[") || host.matches("[A-Za-z0-9._-]+"))) {
                throw new IllegalArgumentException("the database URL names no usable host: a host is a name or an"
                        + " address (postgresql://user@HOST:port/db)");
            }
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("the port in the database URL is not a number from 1 to 65535");
            }
            hosts.append(hosts.isEmpty() ? "" : ",").append(host).append(':').append(Integer.parseInt(port));
        }
        return hosts.toString();
    }

    private static Map<String, String> checked(Map<String, String> params) {
        String sslMode = params.get("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("the database URL's sslmode must be one of disable, allow, prefer,"
                    + " require, verify-ca, verify-full");
        }
        return params;
    }

    private static int firstOf(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        if (i < 0) {
            return j < 0 ? text.length() : j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    private static Map<String, String> query(String raw, boolean plusIsSpace) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), plusIsSpace);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), plusIsSpace);
            params.put(key, value);
        }
        return params;
    }

    /**
     * Percent-decoding that never fails and never quotes its input in an error (the JDK's {@code URLDecoder} does
     * both, with the password in the message): {@code %XX} becomes the byte XX (UTF-8), a {@code %} without two hex
     * digits after it stays, and {@code +} is a space only in form-encoded text.
     */
    static String decode(String s, boolean plusIsSpace) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                bytes.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
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

    /**
     * The pgjdbc URL without credentials; pass {@link #user()} and {@link #password()} separately. The database
     * and the parameter values are encoded as pgjdbc decodes them.
     */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hosts).append('/')
                .append(URLEncoder.encode(database, StandardCharsets.UTF_8));
        char sep = '?';
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            url.append(sep).append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return url.toString();
    }

    /** Where it connects, for messages: {@code host:port[,host:port...]/database}. */
    public String location() {
        return hosts + "/" + database;
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
