package dev.tradingcore.bootstrap.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar trading-core.jar} as the README says, on the Java this build runs on (it starts) and on every
 * JDK older than 21 installed in the usual places (it says in one line that Java 21 is needed, exit 2). A machine
 * without an older JDK runs only the first half; {@code LauncherTest} checks there that Java 8 can load the launcher.
 */
class LauncherIT {

    private static final Path JAR = Path.of(System.getProperty("trading-core.jar", "target/trading-core.jar"));

    record Run(int exit, String out, String err) {}

    private static Run java(Path java, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void the_jar_starts_on_this_java() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Run version = java(java, "--version");

        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).contains("trading-core 0.1.0");
    }

    @Test
    void the_jar_on_an_older_java_says_java_21_is_needed_in_one_line() throws Exception {
        for (Path home : olderJdks()) {
            Run run = java(home.resolve("bin").resolve("java"), "status");

            assertThat(run.exit()).as("%s: %s", home, run.err()).isEqualTo(2);
            assertThat(run.err().lines().toList()).as(home.toString()).hasSize(1);
            assertThat(run.err()).startsWith("trading-core needs Java 21 or later, and this is Java ");
            assertThat(run.out()).isEmpty();
        }
    }

    /** JDK homes (by their {@code release} file) of a major version below 21, each once. */
    private static Set<Path> olderJdks() throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        for (Path root : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/usr/java"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(root)) {
                for (Path home : homes.toList()) {
                    major(home).filter(m -> m < 21).filter(m -> Files.isExecutable(home.resolve("bin/java")))
                            .ifPresent(m -> found.add(realPath(home)));
                }
            }
        }
        return found;
    }

    private static Optional<Integer> major(Path home) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(
                    Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path realPath(Path home) {
        try {
            return home.toRealPath();
        } catch (IOException e) {
            return home;
        }
    }
}
