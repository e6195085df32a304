package dev.tradingcore.bootstrap.monitoring;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Free space where the database keeps its data, when that place is on this machine. */
@FunctionalInterface
public interface DiskSpace {

    /** The usage now, or empty when there is no local data directory to measure. */
    Optional<Usage> usage() throws IOException;

    /**
     * @param path the directory measured
     * @param totalBytes the file system's size
     * @param usableBytes what this process's user could still write (what the server can use, as it runs as such)
     */
    record Usage(Path path, long totalBytes, long usableBytes) {

        /** Whole percent free, rounded down. */
        public long freePercent() {
            return totalBytes <= 0 ? 0 : BigInteger.valueOf(usableBytes).multiply(BigInteger.valueOf(100))
                    .divide(BigInteger.valueOf(totalBytes)).longValue();
        }

        /** Whether less than {@code percent} % is free (exact, in whole bytes). */
        public boolean freeBelow(int percent) {
            BigInteger free = BigInteger.valueOf(usableBytes).multiply(BigInteger.valueOf(100));
            return free.compareTo(BigInteger.valueOf(totalBytes).multiply(BigInteger.valueOf(percent))) < 0;
        }
    }

    /** The file system holding {@code directory}, whichever directory {@code directory} names at each call. */
    static DiskSpace ofDirectory(Supplier<Optional<Path>> directory) {
        return () -> {
            Optional<Path> path = directory.get();
            if (path.isEmpty() || !Files.isDirectory(path.get())) {
                return Optional.empty();
            }
            FileStore store = Files.getFileStore(path.get());
            return Optional.of(new Usage(path.get(), store.getTotalSpace(), store.getUsableSpace()));
        };
    }
}
