package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.DiskSpace;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The design's "disk space < 20 %" (warning) and "< 10 %" (critical): free space of the file system holding the
 * database's data directory, when it is on this machine (the adapter finds it: the embedded server's directory, or a local server's); one condition whose severity
 * follows the free space. Once under the warning threshold, the disk is marginal (its incident stays open) until
 * its free space reaches the resolve level ({@link Hysteresis}: 22 % for 20 %).
 */
public final class DiskSpaceCheck implements HealthCheck {

    static final String KEY = "disk-space";

    private final DiskSpace disk;
    private final int warningPercent;
    private final int criticalPercent;
    private final int marginPercent;

    /** With the design's resolve margin ({@link Hysteresis#DESIGN}). */
    public DiskSpaceCheck(DiskSpace disk, int warningPercent, int criticalPercent) {
        this(disk, warningPercent, criticalPercent, Hysteresis.DESIGN);
    }

    public DiskSpaceCheck(DiskSpace disk, int warningPercent, int criticalPercent, Hysteresis hysteresis) {
        this.disk = Objects.requireNonNull(disk, "disk");
        this.warningPercent = warningPercent;
        this.criticalPercent = criticalPercent;
        this.marginPercent = hysteresis.resolveMarginPercent();
    }

    @Override
    public String name() {
        return "disk-space";
    }

    @Override
    public boolean needsDatabase() {
        return false;
    }

    @Override
    public List<Condition> check() throws Exception {
        Optional<DiskSpace.Usage> usage = disk.usage();
        if (usage.isEmpty()) {
            throw new NothingToMeasure("the database's data directory is not on this machine");
        }
        DiskSpace.Usage u = usage.get();
        AlertSeverity severity;
        int threshold;
        boolean marginal = false;
        if (u.freeBelow(criticalPercent)) {
            severity = AlertSeverity.CRITICAL;
            threshold = criticalPercent;
        } else if (u.freeBelow(warningPercent)) {
            severity = AlertSeverity.WARNING;
            threshold = warningPercent;
        } else if (belowResolveLevel(u)) {
            severity = AlertSeverity.WARNING;
            threshold = warningPercent;
            marginal = true;
        } else {
            return List.of();
        }
        Condition condition = Condition.of(KEY, severity, "Database disk below " + threshold + " % free",
                "The file system of " + u.path() + " has " + u.freePercent() + " % free (" + mib(u.usableBytes())
                        + " MiB of " + mib(u.totalBytes()) + " MiB); thresholds " + warningPercent + " % (warning), "
                        + criticalPercent + " % (critical).",
                "path", u.path(), "free_percent", Long.toString(u.freePercent()),
                "free_mib", Long.toString(mib(u.usableBytes())));
        return List.of(marginal ? condition.asMarginal() : condition);
    }

    /** Free space under warning x (100 + margin) %: not yet clearly back (exact, in hundredths of a percent). */
    private boolean belowResolveLevel(DiskSpace.Usage u) {
        return java.math.BigInteger.valueOf(u.usableBytes()).multiply(java.math.BigInteger.valueOf(100 * 100))
                .compareTo(java.math.BigInteger.valueOf(u.totalBytes())
                        .multiply(java.math.BigInteger.valueOf((long) warningPercent * (100 + marginPercent)))) < 0;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
