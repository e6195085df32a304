package dev.tradingcore.adapters.postgres.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server started from the binaries on Maven Central, for a user who has no database installed and for
 * tests on machines without one. With a persistent data directory it keeps its data across runs, like an installed
 * server would.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a throw-away server in a temporary directory on a free port. */
    public static EmbeddedPostgresServer startTemporary() {
        try {
            return new EmbeddedPostgresServer(tuned(EmbeddedPostgres.builder()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
    }

    /**
     * Starts a server whose data lives in {@code dataDirectory} and survives the process, listening on {@code port}
     * of the loopback interface.
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = tuned(EmbeddedPostgres.builder())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky starts its servers with fsync and synchronous_commit off (right for throw-away test
                    // servers): a commit would then be acknowledged before its WAL reached the disk, and a power
                    // loss could take fills the core had acknowledged. A server that keeps the core's data is durable.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server in " + dataDirectory
                    + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres.Builder tuned(EmbeddedPostgres.Builder builder) {
        return builder
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "128MB")
                // Keep the server's own log quiet unless something is wrong.
                .setServerConfig("log_min_messages", "warning");
    }

    /** The pgjdbc URL of a database on this server (no credentials: the embedded server trusts local users). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** The superuser the embedded server was initialised with. */
    public String superuser() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL server", e);
        }
    }
}
