package dev.tradingcore.adapters.postgres.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;
import dev.tradingcore.domain.port.PoolUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the database keeps its data, and the free space there, read from this machine. */
class LocalDiskTest {

    @TempDir
    Path dir;

    @Test
    void disk_space_of_a_real_directory_is_read_from_its_file_system() throws Exception {
        Optional<DiskSpace.Usage> usage = new LocalDiskSpace(() -> Optional.of(dir)).usage();
        assertThat(usage).hasValueSatisfying(u -> {
            assertThat(u.totalBytes()).isPositive();
            assertThat(u.usableBytes()).isBetween(0L, u.totalBytes());
        });
        assertThat(new LocalDiskSpace(() -> Optional.of(dir.resolve("missing"))).usage()).isEmpty();
        assertThat(new LocalDiskSpace(Optional::empty).usage()).isEmpty();
    }

    @Test
    void only_a_server_on_this_machine_has_its_data_directory_looked_up() throws Exception {
        DataDirectory.Lookup answer = () -> Optional.of(dir);
        assertThat(DataDirectory.configured("db.example.com:5432", answer).get()).isEmpty();
        assertThat(DataDirectory.configured("localhost:5432,db.example.com:5432", answer).get()).isEmpty();
        assertThat(DataDirectory.configured("127.0.0.1:5432", answer).get()).contains(dir);
        assertThat(DataDirectory.configured("localhost", answer).get()).contains(dir);
        assertThat(DataDirectory.configured("[::1]:5432", answer).get()).contains(dir);
        assertThat(DataDirectory.configured("localhost:5432", () -> Optional.of(dir.resolve("elsewhere"))).get())
                .as("a path that does not exist here (a container's)").isEmpty();
        assertThat(DataDirectory.configured("localhost:5432", Optional::empty).get()).as("not permitted").isEmpty();
    }
}
