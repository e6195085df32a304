package dev.tradingcore.adapters.postgres.audit.seal;

import dev.tradingcore.domain.audit.seal.CanonicalRow;
import dev.tradingcore.domain.audit.seal.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The leaf hashes of a range of audit rows, in id order, as fast as the server sends them: one
 * {@code COPY (SELECT ...) TO STDOUT}, which streams without the round trip per fetch of a cursor, read on one
 * thread while others turn rows into leaves (parse the JSONB text, write the canonical form, SHA-256), batch by
 * batch, handed on in order. The rows are the same {@link CanonicalRow}s the sealer hashes (it reads them through
 * JDBC); only the transport differs: the time comes as integer microseconds since the epoch, exact.
 */
final class LeafStream {

    /** Receives each row's id and leaf, in id order. */
    interface Sink {
        void row(long id, byte[] leaf);
    }

    private static final int BATCH = 2_000;
    private static final byte[][] END = new byte[0][];

    private LeafStream() {}

    static long stream(Connection c, long lo, long hi, Sink sink, VerificationProgress progress, long expected)
            throws SQLException {
        String sql = "COPY (SELECT a.id, (extract(epoch FROM a.timestamp) * 1000000)::bigint, a.component, a.action,"
                + " a.details::text, a.user_id, a.session_id, a.severity FROM audit_log a WHERE a.id BETWEEN " + lo
                + " AND " + hi + " ORDER BY a.id) TO STDOUT";
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "audit-verify-hash");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<CompletableFuture<Leaves>> inOrder = new ArrayBlockingQueue<>(4 * workers + 4);
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        CompletableFuture<Void> reader = new CompletableFuture<>();
        Thread readerThread = new Thread(() -> {
            read(copy, pool, inOrder);
            reader.complete(null);
        }, "audit-verify-read");
        readerThread.setDaemon(true);
        readerThread.start();
        long n = 0;
        try {
            while (true) {
                Leaves batch = inOrder.take().get();
                if (batch == null) {
                    break;
                }
                for (int i = 0; i < batch.size; i++) {
                    sink.row(batch.ids[i], batch.leaves[i]);
                }
                n += batch.size;
                progress.rows(n, expected);
            }
            reader.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("verification interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof SQLException sql2) {
                throw sql2;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException("reading audit rows failed: " + cause, cause);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            readerThread.interrupt();
            pool.shutdownNow();
        }
        return n;
    }

    /** Reads rows into batches, each handed to a worker; its future queued in order; a null batch ends. */
    private static void read(CopyOut copy, ExecutorService pool, BlockingQueue<CompletableFuture<Leaves>> inOrder) {
        try {
            List<byte[]> rows = new ArrayList<>(BATCH);
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                rows.add(row);
                if (rows.size() == BATCH) {
                    List<byte[]> batch = rows;
                    inOrder.put(CompletableFuture.supplyAsync(() -> leaves(batch), pool));
                    rows = new ArrayList<>(BATCH);
                }
            }
            if (!rows.isEmpty()) {
                List<byte[]> batch = rows;
                inOrder.put(CompletableFuture.supplyAsync(() -> leaves(batch), pool));
            }
            inOrder.put(CompletableFuture.completedFuture(null));
        } catch (SQLException e) {
            inOrder.offer(CompletableFuture.failedFuture(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Leaves(long[] ids, byte[][] leaves, int size) {}

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Sha256::digest);

    private static Leaves leaves(List<byte[]> rows) {
        long[] ids = new long[rows.size()];
        byte[][] leaves = new byte[rows.size()][];
        MessageDigest sha256 = SHA256.get();
        for (int i = 0; i < rows.size(); i++) {
            CanonicalRow row = decode(rows.get(i));
            ids[i] = row.id();
            leaves[i] = row.leafHash(sha256);
        }
        return new Leaves(ids, leaves, rows.size());
    }

    /** One line of COPY's text format: tab-separated fields, \N for NULL, backslash escapes. */
    static CanonicalRow decode(byte[] line) {
        String[] f = new String[8];
        int field = 0;
        int start = 0;
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        for (int i = 0; i <= end && field < 8; i++) {
            if (i == end || line[i] == '\t') {
                f[field++] = field(line, start, i);
                start = i + 1;
            }
        }
        if (field != 8) {
            throw new IllegalStateException("an audit row from COPY has " + field + " fields, not 8");
        }
        long id = Long.parseLong(f[0]);
        long micros = Long.parseLong(f[1]);
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
        return new CanonicalRow(id, at, f[2], f[3], StoredRows.details(id, f[4]), f[5], f[6], f[7]);
    }

    private static String field(byte[] line, int from, int to) {
        if (to - from == 2 && line[from] == '\\' && line[from + 1] == 'N') {
            return null;
        }
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            if (line[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(line, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b == '\\' && i + 1 < to) {
                byte e = line[++i];
                out[n++] = switch (e) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> 0x0b;
                    default -> e;
                };
            } else {
                out[n++] = b;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
