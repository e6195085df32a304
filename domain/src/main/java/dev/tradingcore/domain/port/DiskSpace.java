package dev.tradingcore.domain.port;

import java.math.BigInteger;
import java.util.Optional;

/** Free space where the database keeps its data, when that place is on this machine. */
@FunctionalInterface
public interface DiskSpace {

    /** The usage now, or empty when there is no local data directory to measure. */
    Optional<Usage> usage() throws Exception;

    /**
     * @param path the directory measured
     * @param totalBytes the file system's size
     * @param usableBytes what this process's user could still write (what the server can use, as it runs as such)
     */
    record Usage(String path, long totalBytes, long usableBytes) {

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
}
