package dev.tradingcore.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar trading-core.jar ...} process started by the crash test, run as a user runs it, with its
 * standard output and error in files of its own. Every process started is remembered and destroyed by a shutdown hook,
 * so that neither a failed assertion nor an interrupted build leaves an exchange or a core behind.
 */
final class ChildProcess implements AutoCloseable {

    /** Every child still possibly alive; the shutdown hook kills what is left. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "crash-test-children"));
    }

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code java -jar jar args...} in {@code directory}, output to {@code <directory>/<name>.out} and
     * {@code .err}, with the given variables added to (or, with a null value, removed from) the environment.
     */
    static ChildProcess start(String name, Path jar, List<String> args, Map<String, String> environment,
            Path directory) {
        return start(name, jar, List.of(), args, environment, directory);
    }

    /** As {@link #start(String, Path, List, Map, Path)}, with options for the JVM (e.g. {@code -Duser.home=...}). */
    static ChildProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
            Map<String, String> environment, Path directory) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            Files.writeString(directory.resolve(name + ".cmd"), String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8);
            Process process = builder.start();
            LIVE.add(process);
            return new ChildProcess(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** The JDK this test runs on, so that the children run on the same one. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hook, no flush, no goodbye. Waits (bounded) until the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        LIVE.remove(process);
    }

    /** SIGTERM on Linux: shutdown hooks run, the JVM exits normally. The exit status, when it ended within limit. */
    Optional<Integer> stop(Duration limit) {
        process.destroy();
        return awaitExit(limit);
    }

    /** The exit status, when the process ended within {@code limit}. */
    Optional<Integer> awaitExit(Duration limit) {
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                LIVE.remove(process);
                return Optional.of(process.exitValue());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The exit status if the process has ended. */
    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    Path out() {
        return out;
    }

    Path err() {
        return err;
    }

    /** The standard output so far. */
    String output() {
        return read(out);
    }

    /** Where to look, and the last lines of both streams: what a failure message needs. */
    String describe() {
        return name + " (pid " + process.pid() + ", " + exitCode().map(c -> "exit " + c).orElse("running")
                + ")\n  stdout: " + out + "\n" + tail(read(out)) + "  stderr: " + err + "\n" + tail(read(err));
    }

    private static String tail(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder result = new StringBuilder();
        for (int i = Math.max(0, lines.length - 25); i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                result.append("    | ").append(lines[i]).append('\n');
            }
        }
        return result.toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(process);
    }
}
