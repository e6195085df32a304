package dev.tradingcore.adapters.broker.simulated;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulation kept on disk so that a crash of its process (SIGKILL, power loss) takes back nothing it acknowledged:
 * every change an order, a cancel or a step makes is appended to a journal and forced to disk before the call that
 * made it returns, and so before anyone is answered or can read it ({@link SimulatedExchange} holds its lock until
 * then). At start, the saved state is read and the journal records after it are replayed: the exchange is exactly what
 * it had acknowledged, plus at most changes it had made durable and not yet answered (a client then sees an answer it
 * never got, as after a lost response; an exchange's truth, never a loss).
 *
 * <p>Files, all in the state file's directory, for a state file {@code FILE}:
 * <ul>
 *   <li>{@code FILE}: the saved state (JSON), written at start, at every checkpoint and at a clean stop; it names the
 *       last journal record it includes;</li>
 *   <li>{@code FILE.journal.N}: journal segments, N the sequence number of its first record (ten digits); one line per
 *       change, {@code <crc32 in hex> <JSON>}. A checkpoint starts a new segment, saves the state, and deletes the
 *       segments the state now includes;</li>
 *   <li>{@code FILE.lock}: locked while an exchange has the state open, so that a second one is refused instead of
 *       writing the same journal.</li>
 * </ul>
 * A record cut short or failing its checksum at the very end of the last segment is a write the crash interrupted,
 * never acknowledged: it is left out, with a warning. Anywhere else it is damage, and the state is refused.
 *
 * <p>Ids: a restored exchange takes random ids ({@link ExchangeIds#random()}), so an id handed out before a crash,
 * acknowledged or not, is never handed to another order after it.
 */
public final class DurableState implements AutoCloseable {

    /** A checkpoint is due when the journal holds this many records since the last one. */
    public static final int CHECKPOINT_RECORDS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(DurableState.class);
    private static final String JOURNAL = ".journal.";

    private final StateFile stateFile;
    private final Path directory;
    private final String journalPrefix;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SimulatedExchange exchange;
    private final int replayed;
    private final Object checkpointing = new Object();
    /** The segment records are appended to; null once closed. Guarded by this. */
    private FileChannel segment;
    private Path segmentPath;
    private long segmentFirst;
    private long segmentRecords;
    private long lastSequence;
    /**
     * Why a write failed: the segment may end in part of a record, which a restart drops only while it is the last
     * thing in the last segment, so nothing is appended or rolled after it. Guarded by this.
     */
    private IOException failed;

    private DurableState(StateFile stateFile, FileChannel lockChannel, FileLock lock, SimulatedExchange exchange,
            int replayed) {
        this.stateFile = stateFile;
        this.directory = stateFile.path().getParent();
        this.journalPrefix = stateFile.path().getFileName() + JOURNAL;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.exchange = exchange;
        this.replayed = replayed;
        this.lastSequence = exchange.journalSequence();
    }

    /**
     * Opens the state in {@code path} (a new simulation when there is none yet): reads the saved state, replays the
     * journal, saves the result and starts a new journal segment. Refused (an {@link IllegalArgumentException}) when
     * another exchange has it open or it was written for another seed; an {@link IllegalStateException} when the
     * journal is damaged.
     */
    public static DurableState open(Path path, SimulationConfig config, Clock clock) {
        StateFile file = new StateFile(path);
        Path lockPath = file.path().resolveSibling(file.path().getFileName() + ".lock");
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(file.path().getParent());
            lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalArgumentException("the exchange state " + file.path() + " is in use by another"
                        + " paper exchange (it holds " + lockPath + "): stop that one, or give another --state");
            }
            try {
                DurableState state = restore(file, lockChannel, lock, config, clock);
                lockChannel = null;
                return state;
            } catch (RuntimeException | IOException failed) {
                lock.release();
                throw failed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the exchange state " + file.path() + ": " + e.getMessage(), e);
        } finally {
            if (lockChannel != null) {
                try {
                    lockChannel.close();
                } catch (IOException ignored) {
                    // closing releases nothing more than the failure already reported
                }
            }
        }
    }

    private static DurableState restore(StateFile file, FileChannel lockChannel, FileLock lock,
            SimulationConfig config, Clock clock) throws IOException {
        Path directory = file.path().getParent();
        String prefix = file.path().getFileName() + JOURNAL;
        List<Path> segments = segments(directory, prefix);
        Option<SimulationState> saved = file.load();
        if (saved.isEmpty() && !segments.isEmpty()) {
            throw new IllegalStateException("found the journal " + segments.get(0) + " but not the state file "
                    + file.path() + " it continues: restore the state file, or remove " + prefix + "* to start anew");
        }
        SimulatedExchange exchange = saved.map(state -> SimulatedExchange.restore(config, clock, state))
                .getOrElse(() -> SimulatedExchange.start(config, clock));
        int replayed = 0;
        for (int index = 0; index < segments.size(); index++) {
            replayed += replay(segments.get(index), index == segments.size() - 1, exchange);
        }
        DurableState state = new DurableState(file, lockChannel, lock, exchange, replayed);
        // The state saved now includes every record: the old segments go, the new one starts after them.
        file.save(exchange.snapshot());
        for (Path old : segments) {
            Files.delete(old);
        }
        synchronized (state) {
            state.startSegment();
        }
        exchange.attach(state::append);
        if (replayed > 0 || saved.isDefined()) {
            LOG.info("exchange state {} restored: {} orders, {} fills, {} journal records replayed", file.path(),
                    exchange.orders().size(), exchange.fills().size(), replayed);
        }
        return state;
    }

    /** Replays one segment's records after the ones the exchange has; returns how many it applied. */
    private static int replay(Path segment, boolean last, SimulatedExchange exchange) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        int applied = 0;
        int at = 0;
        while (at < bytes.length) {
            int end = at;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            Option<SimulationChange> record = end < bytes.length ? parse(bytes, at, end) : Option.none();
            if (record.isEmpty()) {
                if (last && end >= bytes.length - 1) {
                    LOG.warn("left out the last record of {} (bytes {} to {}): its write was cut short by the crash,"
                            + " so it was never acknowledged", segment, at, bytes.length);
                    return applied;
                }
                throw new IllegalStateException("the journal " + segment + " is damaged at byte " + at + ": a record"
                        + " that is not the last one is cut short or fails its checksum; the state cannot be trusted"
                        + " (restore " + segment.getParent() + " from a backup, or remove the state to start anew)");
            }
            SimulationChange change = record.get();
            if (change.sequence() > exchange.journalSequence()) {
                exchange.replay(change);
                applied++;
            }
            at = end + 1;
        }
        return applied;
    }

    /** The record in {@code bytes[from, to)}, none when it is malformed or fails its checksum. */
    private static Option<SimulationChange> parse(byte[] bytes, int from, int to) {
        if (to - from < 10 || bytes[from + 8] != ' ') {
            return Option.none();
        }
        long expected;
        try {
            expected = Long.parseLong(new String(bytes, from, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return Option.none();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, from + 9, to - from - 9);
        if (crc.getValue() != expected) {
            return Option.none();
        }
        try {
            return Option.some(StateFile.JSON.readValue(bytes, from + 9, to - from - 9, SimulationChange.class));
        } catch (IOException | IllegalArgumentException e) {
            return Option.none();
        }
    }

    private static List<Path> segments(Path directory, String prefix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.length() > prefix.length()
                        && name.substring(prefix.length()).chars().allMatch(Character::isDigit);
            }).sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString()
                    .substring(prefix.length())))).toList();
        }
    }

    /** Starts a segment whose first record will be the next one. Holds this. */
    private void startSegment() throws IOException {
        segmentFirst = lastSequence + 1;
        segmentPath = directory.resolve(journalPrefix + String.format("%010d", segmentFirst));
        segment = FileChannel.open(segmentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segmentRecords = 0;
        StateFile.forceDirectory(directory);
    }

    /** Appends a change and forces it to disk: called by the exchange, with its lock held, before it answers. */
    private synchronized void append(SimulationChange change) {
        if (segment == null) {
            throw new IllegalStateException("the journal of " + stateFile.path() + " is closed");
        }
        if (failed != null) {
            throw new UncheckedIOException("the journal " + segmentPath + " failed before", failed);
        }
        byte[] json;
        try {
            json = StateFile.JSON.writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a journal record as JSON: " + e.getMessage(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(json);
        byte[] head = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer line = ByteBuffer.allocate(head.length + json.length + 1).put(head).put(json).put((byte) '\n')
                .flip();
        try {
            while (line.hasRemaining()) {
                segment.write(line);
            }
            segment.force(false);
        } catch (IOException e) {
            failed = e;
            throw new UncheckedIOException("cannot write the journal " + segmentPath + ": " + e.getMessage(), e);
        }
        segmentRecords++;
        lastSequence = change.sequence();
    }

    public SimulatedExchange exchange() {
        return exchange;
    }

    /** The saved state's file; the journal segments and the lock are beside it. */
    public Path path() {
        return stateFile.path();
    }

    /** How many journal records the start replayed. */
    public int replayed() {
        return replayed;
    }

    /** The journal records written since the last checkpoint. */
    public synchronized long journalRecords() {
        return segmentRecords;
    }

    /**
     * Saves the state and drops the journal segments it includes, so that a start replays little. Safe while the
     * exchange serves: a new segment starts first, then the state is saved (it includes every record of the older
     * segments), then those go.
     */
    public void checkpoint() {
        synchronized (checkpointing) {
            long keepFrom;
            try {
                synchronized (this) {
                    if (segment == null) {
                        throw new IllegalStateException("the journal of " + stateFile.path() + " is closed");
                    }
                    if (failed != null) {
                        throw new ExchangeStopped(failed);
                    }
                    if (segmentRecords > 0) {
                        segment.close();
                        startSegment();
                    }
                    keepFrom = segmentFirst;
                }
                stateFile.save(exchange.snapshot());
                List<Path> included = new ArrayList<>();
                for (Path path : segments(directory, journalPrefix)) {
                    if (Long.parseLong(path.getFileName().toString().substring(journalPrefix.length())) < keepFrom) {
                        included.add(path);
                    }
                }
                for (Path path : included) {
                    Files.delete(path);
                }
                if (!included.isEmpty()) {
                    StateFile.forceDirectory(directory);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot checkpoint the exchange state " + stateFile.path() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Checkpoints when the journal has grown to {@link #CHECKPOINT_RECORDS} records. */
    public void checkpointIfDue() {
        if (journalRecords() >= CHECKPOINT_RECORDS) {
            checkpoint();
        }
    }

    /**
     * A last checkpoint (skipped when the exchange stopped: the journal then holds everything acknowledged and the
     * memory something more), then the journal closes and the state is free for another exchange. Changes after this
     * stop the exchange: nothing is acknowledged that is not journaled.
     */
    @Override
    public void close() {
        synchronized (checkpointing) {
            synchronized (this) {
                if (segment == null) {
                    return;
                }
            }
            try {
                checkpoint();
            } catch (ExchangeStopped stopped) {
                LOG.warn("the exchange had stopped: {} is left as its journal has it", stateFile.path());
            } catch (RuntimeException e) {
                LOG.error("could not save {} at stop; its journal holds every change acknowledged", stateFile.path(),
                        e);
            }
            synchronized (this) {
                try {
                    segment.close();
                } catch (IOException e) {
                    LOG.warn("could not close the journal {}", segmentPath, e);
                }
                segment = null;
            }
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                LOG.warn("could not release the lock of {}", stateFile.path(), e);
            }
        }
    }
}
