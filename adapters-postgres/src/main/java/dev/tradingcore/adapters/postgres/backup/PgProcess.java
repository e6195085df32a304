package dev.tradingcore.adapters.postgres.backup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one PostgreSQL client program: never waits longer than its bound (the program and its children are killed
 * then), never blocks on a full pipe (both outputs go to temporary files), and keeps what the program said on stderr
 * for the error an operator reads. Connection settings reach the program through the libpq environment, never its
 * command line, so that a password never shows in a process list.
 */
final class PgProcess {

    /** The most of a program's stderr kept for an error message. */
    private static final int MAX_STDERR = 8_000;

    private PgProcess() {}

    /**
     * What the program did.
     *
     * @param exitCode its exit status
     * @param stdout what it printed (empty when its output went to a file)
     * @param stderr the end of what it printed on stderr, stripped
     */
    record Result(int exitCode, String stdout, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} and returns its output, its standard output captured as text. */
    static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
        return run(command, environment, timeout, null);
    }

    /**
     * @param stdoutFile where standard output goes, or {@code null} to capture it as text
     * @throws BackupException FAILED when the program cannot be started or outlives {@code timeout}
     */
    static Result run(List<String> command, Map<String, String> environment, Duration timeout, Path stdoutFile) {
        Path err = null;
        Path out = null;
        try {
            err = Files.createTempFile("trading-core-pg", ".err");
            out = stdoutFile != null ? stdoutFile : Files.createTempFile("trading-core-pg", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            // Connection settings come only from us: a stray PGHOST or PGDATABASE must not point the tool elsewhere.
            env.keySet().removeIf(k -> k.startsWith("PG") && !k.equals("PGPASSFILE") && !k.equals("PGSERVICEFILE"));
            env.putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new BackupException(BackupException.Reason.TOOL_MISSING,
                        "could not start " + command.getFirst() + ": " + e.getMessage(), e);
            }
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                throw new BackupException(BackupException.Reason.FAILED,
                        name(command) + " was interrupted and has been stopped", e);
            }
            if (!finished) {
                kill(process);
                throw new BackupException(BackupException.Reason.FAILED, name(command) + " did not finish within "
                        + timeout + " and has been stopped" + tail(err).map(s -> ": " + s).orElse(""));
            }
            String stdout = stdoutFile != null ? "" : new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            return new Result(process.exitValue(), stdout, tail(err).orElse(""));
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(BackupException.Reason.FAILED, name(command) + " was interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + name(command), e);
        } finally {
            deleteQuietly(err);
            if (stdoutFile == null) {
                deleteQuietly(out);
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String name(List<String> command) {
        return Path.of(command.getFirst()).getFileName().toString();
    }

    private static java.util.Optional<String> tail(Path err) throws IOException {
        if (err == null || !Files.exists(err)) {
            return java.util.Optional.empty();
        }
        String text = new String(Files.readAllBytes(err), StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_STDERR) {
            text = "..." + text.substring(text.length() - MAX_STDERR);
        }
        return text.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(text);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file left behind is harmless; the result matters more.
            }
        }
    }
}
