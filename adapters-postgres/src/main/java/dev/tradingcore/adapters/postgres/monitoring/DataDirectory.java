package dev.tradingcore.adapters.postgres.monitoring;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the database keeps its data, when that is on this machine, for the disk space check:
 * <ul>
 *   <li>the embedded server: its data directory ({@code EMBEDDED_DATA_DIRECTORY});</li>
 *   <li>a configured server on a loopback host (localhost, 127.x, ::1): {@code data_directory} from
 *       {@code pg_settings}, when this role may read it (superuser or {@code pg_read_all_settings}) and the path
 *       exists here; asked until it answers, then remembered;</li>
 *   <li>anything else (a remote server, a container's path, no permission): nothing; disk space is then the
 *       database host's own monitoring's job, and the monitor says so once in the log.</li>
 * </ul>
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** Asks the server for its data directory. */
    @FunctionalInterface
    public interface Lookup {
        Optional<Path> dataDirectory() throws Exception;
    }

    private DataDirectory() {}

    /** The embedded server's directory. */
    public static Supplier<Optional<Path>> embedded(Path directory) {
        return () -> Optional.of(directory);
    }

    /**
     * A configured server at {@code hosts} ("host:port,host2:port"): looked up when every host is loopback.
     */
    public static Supplier<Optional<Path>> configured(String hosts, Lookup lookup) {
        boolean local = java.util.Arrays.stream(hosts.split(",")).map(DataDirectory::host)
                .allMatch(h -> LOOPBACK.contains(h) || h.startsWith("127."));
        if (!local) {
            LOG.info("The database ({}) is not on this machine: disk space is not monitored by trading-core", hosts);
            return Optional::empty;
        }
        AtomicReference<Optional<Path>> found = new AtomicReference<>();
        return () -> {
            Optional<Path> known = found.get();
            if (known != null) {
                return known;
            }
            try {
                Optional<Path> path = lookup.dataDirectory().filter(p -> p.toFile().isDirectory());
                found.set(path);
                if (path.isEmpty()) {
                    LOG.info("The database's data directory is not readable here (pg_settings.data_directory needs"
                            + " superuser or pg_read_all_settings, and the path must exist on this machine): disk"
                            + " space is not monitored by trading-core");
                }
                return path;
            } catch (Exception e) {
                LOG.debug("data directory lookup failed; asked again at the next tick", e);
                return Optional.empty();
            }
        };
    }

    static String host(String hostAndPort) {
        String h = hostAndPort.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 || h.indexOf(':') != colon ? h : h.substring(0, colon);
    }
}
