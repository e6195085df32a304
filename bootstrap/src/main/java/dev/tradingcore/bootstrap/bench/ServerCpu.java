package dev.tradingcore.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CPU time of the database server: its postmaster and every process it started (backends, WAL writer,
 * checkpointer), read from {@code /proc} (utime + stime, in clock ticks of 10 ms). Only for a server on this machine
 * whose data directory the bench can read (the embedded one); otherwise {@link #nanos} answers -1 and the report says
 * n/a. Processes that ended between two reads are not counted: the pools keep their connections for a whole step.
 */
final class ServerCpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

    private final long postmaster;

    private ServerCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The server behind {@code connection}, or one that always answers -1 when it cannot be found. */
    static ServerCpu of(Connection connection) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            List<String> pidFile = Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid"));
            long pid = Long.parseLong(pidFile.get(0).trim());
            return Files.isReadable(Path.of("/proc", Long.toString(pid), "stat")) ? new ServerCpu(pid)
                    : new ServerCpu(-1);
        } catch (Exception unreadable) {
            return new ServerCpu(-1);
        }
    }

    /** The server's CPU so far, in nanoseconds; -1 when unknown. */
    long nanos() {
        if (postmaster < 0) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                long[] stat = stat(process);
                if (stat != null && (stat[0] == postmaster || stat[1] == postmaster)) {
                    ticks += stat[2];
                }
            }
        } catch (IOException unreadable) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** pid, parent pid, utime + stime of one process; null if it ended meanwhile. */
    private static long[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state(0) ppid(1) ... utime(11) stime(12)
            return new long[] {Long.parseLong(process.getFileName().toString()), Long.parseLong(fields[1]),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
