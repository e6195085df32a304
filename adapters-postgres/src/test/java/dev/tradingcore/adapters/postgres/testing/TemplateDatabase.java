package dev.tradingcore.adapters.postgres.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Fresh databases for tests, each a copy of one database that Flyway migrated with the production scripts.
 *
 * <p>Migrating costs seconds; {@code CREATE DATABASE ... TEMPLATE} costs milliseconds. The template's name carries a
 * hash of the migration scripts, so a changed script makes a new template rather than reusing a stale one, and
 * JVMs sharing a server (parallel module builds, a developer's long-lived server) agree on it under an advisory lock.
 */
public final class TemplateDatabase {

    private static final long TEMPLATE_LOCK = 0x7472616465L; // "trade"
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile String templateName;
    /** Databases this JVM made and has not dropped yet; dropped at exit so a crashed test leaves none behind. */
    private static final java.util.Set<String> LEFT_OVER = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemplateDatabase::dropLeftOvers, "drop-test-databases"));
    }

    private TemplateDatabase() {}

    /** Creates a new database with no schema at all (for tests of migration itself) and returns its name. */
    public static String createEmpty() {
        PostgresServer server = PostgresServer.get();
        String name = "tc_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        LEFT_OVER.add(name);
        try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + server, e);
        }
        return name;
    }

    /** Creates a new, migrated, empty database and returns its name. */
    public static String createFresh() {
        PostgresServer server = PostgresServer.get();
        String template = ensureTemplate(server);
        String name = "tc_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        LEFT_OVER.add(name);
        try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + server, e);
        }
        return name;
    }

    private static void dropLeftOvers() {
        for (String name : LEFT_OVER) {
            try {
                drop(name);
            } catch (IllegalStateException e) {
                // The server may already be gone at exit (the embedded one stops in its own hook); nothing to keep.
            }
        }
    }

    /** Drops a database made by {@link #createFresh()}, closing whatever still connects to it. */
    public static void drop(String name) {
        LEFT_OVER.remove(name);
        try (Connection admin = PostgresServer.get().connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
    }

    private static String ensureTemplate(PostgresServer server) {
        String known = templateName;
        if (known != null) {
            return known;
        }
        synchronized (TemplateDatabase.class) {
            if (templateName != null) {
                return templateName;
            }
            String name = "tc_template_" + migrationsHash().substring(0, 16);
            try (Connection admin = server.connectAdmin()) {
                try (Statement st = admin.createStatement()) {
                    st.execute("SELECT pg_advisory_lock(" + TEMPLATE_LOCK + ")");
                }
                try {
                    if (!exists(admin, name)) {
                        dropOutdatedTemplates(admin);
                        build(server, admin, name);
                    }
                    ensureApplicationLogin(admin);
                } finally {
                    try (Statement st = admin.createStatement()) {
                        st.execute("SELECT pg_advisory_unlock(" + TEMPLATE_LOCK + ")");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not prepare the migrated template database on " + server, e);
            }
            templateName = name;
            return name;
        }
    }

    /**
     * The login the tests' application connections use ({@link PostgresServer#APPLICATION_LOGIN}): a member of
     * {@code trading_app} (which V1 created), with nothing of its own, as production's application login is (see
     * docs/design-notes.md, "Roles and privileges"). Roles belong to the server, so this runs once per JVM, under the
     * template lock, and leaves an existing login as it is.
     */
    private static void ensureApplicationLogin(Connection admin) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                    + PostgresServer.APPLICATION_LOGIN + "') THEN CREATE ROLE " + PostgresServer.APPLICATION_LOGIN
                    + " LOGIN PASSWORD '" + PostgresServer.APPLICATION_PASSWORD + "' NOSUPERUSER NOCREATEDB"
                    + " NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT IN ROLE trading_app; END IF; END $$");
        }
    }

    /** Migrates under a temporary name and renames at the end, so a half-built template is never used. */
    private static void build(PostgresServer server, Connection admin, String name) throws SQLException {
        String building = name + "_building";
        try (Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + building);
        }
        DatabaseUrl url = server.urlOf(building);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(2);
        config.setPoolName("template-migration");
        try (HikariDataSource ds = new HikariDataSource(config)) {
            new SchemaMigrator(ds).migrate();
        }
        try (Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + building + " RENAME TO " + name);
        }
    }

    /**
     * A long-lived server (TEST_DATABASE_URL) collects one template per version of the scripts; keep only the newest.
     * A template that is being copied right now cannot be dropped; it is left for the next time.
     */
    private static void dropOutdatedTemplates(Connection admin) throws SQLException {
        List<String> outdated = new ArrayList<>();
        try (Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'tc\\_template\\_%'")) {
            while (rs.next()) {
                outdated.add(rs.getString(1));
            }
        }
        for (String name : outdated) {
            try (Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                // In use by another JVM's CREATE DATABASE: harmless, try again next time.
            }
        }
    }

    private static boolean exists(Connection admin, String name) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** SHA-256 over the names and contents of every migration script on the class path. */
    static String migrationsHash() {
        TreeMap<String, byte[]> scripts = new TreeMap<>();
        try {
            List<URL> roots = Collections.list(TemplateDatabase.class.getClassLoader().getResources("db/migration"));
            if (roots.isEmpty()) {
                throw new IllegalStateException("no db/migration folder on the class path: is the migrations module a"
                        + " dependency?");
            }
            for (URL root : roots) {
                collect(root, scripts);
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (var e : scripts.entrySet()) {
                digest.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(e.getValue());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(URL root, TreeMap<String, byte[]> scripts) throws IOException, URISyntaxException {
        if ("file".equals(root.getProtocol())) {
            Path dir = Path.of(root.toURI());
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
            for (Path f : files) {
                scripts.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        } else if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().startsWith("db/migration/") && !entry.isDirectory()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            scripts.put(entry.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } else {
            throw new IllegalStateException("cannot read migration scripts from " + root);
        }
    }
}
