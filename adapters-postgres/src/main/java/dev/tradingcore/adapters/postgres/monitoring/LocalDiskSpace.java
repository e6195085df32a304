package dev.tradingcore.adapters.postgres.monitoring;

import dev.tradingcore.domain.port.DiskSpace;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The free space of the file system holding the database's data directory, when that directory is on this machine. */
public final class LocalDiskSpace implements DiskSpace {

    private final Supplier<Optional<Path>> directory;

    /** @param directory where the data is ({@link DataDirectory}), asked at every measurement */
    public LocalDiskSpace(Supplier<Optional<Path>> directory) {
        this.directory = java.util.Objects.requireNonNull(directory, "directory");
    }

    @Override
    public Optional<Usage> usage() throws java.io.IOException {
        Optional<Path> path = directory.get();
        if (path.isEmpty() || !Files.isDirectory(path.get())) {
            return Optional.empty();
        }
        FileStore store = Files.getFileStore(path.get());
        return Optional.of(new Usage(path.get().toString(), store.getTotalSpace(), store.getUsableSpace()));
    }
}
